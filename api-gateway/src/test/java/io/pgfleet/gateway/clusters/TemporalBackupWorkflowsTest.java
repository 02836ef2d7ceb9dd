package io.pgfleet.gateway.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TemporalBackupWorkflows against Temporal's in-process test server (real time: the coverage
 * timeout is a wall-clock wait) with stand-ins for the coverage and verification workflows.
 */
class TemporalBackupWorkflowsTest {

  /** Short, so the "no answer in time" case costs one second. */
  private static final Duration COVERAGE_TIMEOUT = Duration.ofSeconds(1);

  /** Bounds the wait for a started workflow to reach a state. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TestWorkflowEnvironment env;
  private static TemporalBackupWorkflows workflows;

  @BeforeAll
  static void startTemporal() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.registerSearchAttribute("PgClusterId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker worker = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        FakeArchiveCoverageWorkflow.Impl.class, FakeVerifyBackupWorkflowImpl.class);
    env.start();
    workflows = new TemporalBackupWorkflows(env.getWorkflowClient(), COVERAGE_TIMEOUT);
  }

  @AfterAll
  static void stopTemporal() {
    env.close();
  }

  @Test
  void coverageIsReadThroughTheUntypedWorkflow() {
    ArchiveCoverage coverage = workflows.archiveCoverage("c-" + UUID.randomUUID());

    assertThat(coverage.newestArchivedAtMillis())
        .isEqualTo(FakeArchiveCoverageWorkflow.ARCHIVED_AT);
    assertThat(coverage.newestEndLsn()).isEqualTo("0/8000000");
    assertThat(coverage.timelines()).containsExactly(1, 2);
  }

  @Test
  void aFailedOrSilentCoverageWorkflowIsATypedErrorNamingTheCluster() {
    String broken = "broken-" + UUID.randomUUID();
    assertThatThrownBy(() -> workflows.archiveCoverage(broken))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage(
            "reading the archive coverage of cluster "
                + broken
                + " failed: the object store refused the listing");

    String stuck = "stuck-" + UUID.randomUUID();
    long started = System.nanoTime();
    assertThatThrownBy(() -> workflows.archiveCoverage(stuck))
        .isInstanceOf(ClusterOperationException.class)
        .hasMessageContaining(stuck);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
  }

  @Test
  void aVerificationIsStartedAndFollowedToItsOutcome() {
    String passing = "verify/b-1/" + UUID.randomUUID();
    workflows.startVerification(passing, new VerifyBackupInput("c-1", "b-1", "op-1", null));
    VerificationState done =
        await()
            .atMost(WAIT)
            .until(
                () -> workflows.verification(passing).orElseThrow(),
                s -> !s.status().equals("running"));
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.verification().passed()).isTrue();
    assertThat(done.operation().state()).isEqualTo(OperationState.SUCCEEDED);

    String slow = "verify/slow-1/" + UUID.randomUUID();
    workflows.startVerification(slow, new VerifyBackupInput("c-1", "slow-1", "op-2", null));
    VerificationState running =
        await()
            .atMost(WAIT)
            .until(() -> workflows.verification(slow).orElseThrow(), s -> s.operation() != null);
    assertThat(running.status()).isEqualTo("running");
    assertThat(running.operation().state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(running.verification()).isNull();

    String broken = "verify/broken-1/" + UUID.randomUUID();
    workflows.startVerification(broken, new VerifyBackupInput("c-1", "broken-1", "op-3", null));
    VerificationState failed =
        await()
            .atMost(WAIT)
            .until(
                () -> workflows.verification(broken).orElseThrow(),
                s -> !s.status().equals("running"));
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error()).isEqualTo("the throw-away cluster could not be provisioned");

    assertThat(workflows.verification("verify/none/" + UUID.randomUUID())).isEmpty();
  }
}
