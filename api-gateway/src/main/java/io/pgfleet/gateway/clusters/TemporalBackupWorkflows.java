package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import io.pgfleet.workflows.verify.VerifyBackupResult;
import io.pgfleet.workflows.verify.VerifyBackupWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link BackupWorkflows} over the Temporal client, on the control plane's task queue. */
public final class TemporalBackupWorkflows implements BackupWorkflows {

  /**
   * The coverage workflow's type. Called untyped so the gateway does not depend on its class: its
   * one method takes the cluster id and returns an {@link ArchiveCoverage}.
   */
  static final String COVERAGE_WORKFLOW_TYPE = "ArchiveCoverageWorkflow";

  /**
   * How long a backup listing waits for the archive's coverage (one object-store listing). The
   * listing answers without it after that, so an operator's GET never hangs on a slow store.
   */
  public static final Duration COVERAGE_TIMEOUT = Duration.ofSeconds(10);

  private final WorkflowClient client;
  private final Duration coverageTimeout;

  public TemporalBackupWorkflows(WorkflowClient client) {
    this(client, COVERAGE_TIMEOUT);
  }

  public TemporalBackupWorkflows(WorkflowClient client, Duration coverageTimeout) {
    this.client = client;
    this.coverageTimeout = coverageTimeout;
  }

  /** Unique per read: concurrent listings each run their own short workflow. */
  static String coverageWorkflowId(String clusterId) {
    return "coverage/" + clusterId + "/" + UUID.randomUUID();
  }

  @Override
  public ArchiveCoverage archiveCoverage(String clusterId) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            COVERAGE_WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(coverageWorkflowId(clusterId))
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                // Nobody waits longer: a run that outlives its reader is only load.
                .setWorkflowExecutionTimeout(coverageTimeout)
                .setTypedSearchAttributes(clusterAttribute(clusterId))
                .build());
    try {
      stub.start(clusterId);
      return stub.getResult(
          coverageTimeout.toMillis(), TimeUnit.MILLISECONDS, ArchiveCoverage.class);
    } catch (TimeoutException e) {
      throw new UnavailableException(
          "the archive coverage of cluster "
              + clusterId
              + " did not arrive within "
              + coverageTimeout.toSeconds()
              + " s",
          e);
    } catch (io.temporal.client.WorkflowFailedException e) {
      throw new OperationFailedException(
          "reading the archive coverage of cluster "
              + clusterId
              + " failed: "
              + TemporalFailures.rootMessage(e),
          e);
    } catch (RuntimeException e) {
      throw TemporalFailures.translate(clusterId, "archive coverage", e);
    }
  }

  @Override
  public void startVerification(String workflowId, VerifyBackupInput input) {
    VerifyBackupWorkflow workflow =
        client.newWorkflowStub(
            VerifyBackupWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .setTypedSearchAttributes(clusterAttribute(input.clusterId()))
                .build());
    try {
      WorkflowClient.start(workflow::verify, input);
    } catch (RuntimeException e) {
      throw TemporalFailures.translate(input.clusterId(), "backup verification", e);
    }
  }

  @Override
  public Optional<VerificationState> verification(String workflowId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    WorkflowExecutionStatus status;
    try {
      status = stub.describe().getStatus();
    } catch (RuntimeException e) {
      if (TemporalFailures.isNotFound(e)) {
        return Optional.empty();
      }
      throw new UnavailableException(
          "the status of verification workflow "
              + workflowId
              + " could not be read: "
              + TemporalFailures.rootMessage(e),
          e);
    }
    String name = statusName(status);
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Optional.of(new VerificationState(name, progress(stub), null, null));
    }
    try {
      VerifyBackupResult result = stub.getResult(VerifyBackupResult.class);
      return Optional.of(
          new VerificationState(name, result.operation(), result.verification(), null));
    } catch (RuntimeException e) {
      return Optional.of(
          new VerificationState(name, progress(stub), null, TemporalFailures.rootMessage(e)));
    }
  }

  /** The workflow's live view; null while it cannot answer (no worker has picked it up yet). */
  private static OperationView progress(WorkflowStub stub) {
    try {
      return stub.query(TemporalClusterOperations.PROGRESS_QUERY, OperationView.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static SearchAttributes clusterAttribute(String clusterId) {
    return SearchAttributes.newBuilder()
        .set(TemporalClusterOperations.CLUSTER_ID, clusterId)
        .build();
  }

  /** WORKFLOW_EXECUTION_STATUS_TIMED_OUT → timed_out. */
  private static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
  }
}
