package io.pgfleet.gateway.support;

import io.pgfleet.gateway.clusters.BackupWorkflows;
import io.pgfleet.gateway.clusters.VerificationState;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-memory backup workflows: every cluster's archive reaches {@link #ARCHIVED_AT} unless a test
 * says otherwise; verifications run until a test sets their state.
 */
public class FakeBackupWorkflows implements BackupWorkflows {

  /** 2023-11-14T22:13:20Z: the fake archive's newest segment. */
  public static final long ARCHIVED_AT = 1_700_000_000_000L;

  public static final String END_LSN = "0/6000000";

  private final Map<String, RuntimeException> coverageFailures = new ConcurrentHashMap<>();
  private final Map<String, VerifyBackupInput> started = new ConcurrentHashMap<>();
  private final Map<String, VerificationState> states = new ConcurrentHashMap<>();
  private final AtomicReference<RuntimeException> nextStartFailure = new AtomicReference<>();

  /** The cluster's coverage read throws this from now on; null makes it answer again. */
  public void failCoverage(String clusterId, RuntimeException failure) {
    if (failure == null) {
      coverageFailures.remove(clusterId);
    } else {
      coverageFailures.put(clusterId, failure);
    }
  }

  public void failNextStart(RuntimeException failure) {
    nextStartFailure.set(failure);
  }

  public Optional<VerifyBackupInput> started(String workflowId) {
    return Optional.ofNullable(started.get(workflowId));
  }

  public int startedCount() {
    return started.size();
  }

  public void setState(String workflowId, VerificationState state) {
    states.put(workflowId, state);
  }

  @Override
  public ArchiveCoverage archiveCoverage(String clusterId) {
    RuntimeException failure = coverageFailures.get(clusterId);
    if (failure != null) {
      throw failure;
    }
    return new ArchiveCoverage(
        clusterId,
        List.of(1),
        "000000010000000000000001",
        "000000010000000000000005",
        END_LSN,
        ARCHIVED_AT);
  }

  @Override
  public void startVerification(String workflowId, VerifyBackupInput input) {
    RuntimeException failure = nextStartFailure.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
    started.put(workflowId, input);
    states.put(workflowId, new VerificationState("running", null, null, null));
  }

  @Override
  public Optional<VerificationState> verification(String workflowId) {
    return Optional.ofNullable(states.get(workflowId));
  }
}
