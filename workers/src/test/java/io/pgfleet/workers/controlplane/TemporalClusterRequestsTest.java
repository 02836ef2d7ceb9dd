package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.schedule.ClusterRequestActivities;
import io.pgfleet.workflows.backup.schedule.RequestedBackup;
import io.pgfleet.workflows.backup.schedule.RequestedBackupOutcome;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflowInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backup requester against a fake cluster workflow on the Temporal test server. */
class TemporalClusterRequestsTest {

  /** Much shorter than the fake's backup time, so a request polls several times. */
  private static final Duration POLL = Duration.ofMillis(100);

  private static final ActivityOptions ONCE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setHeartbeatTimeout(Duration.ofSeconds(5))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private TestWorkflowEnvironment clusters;
  private TestActivityEnvironment activities;
  private ClusterRequestActivities requests;

  @BeforeEach
  void start() {
    clusters =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    clusters
        .newWorker(ClusterWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(FakeClusterWorkflow.class);
    clusters.start();
    activities = TestActivityEnvironment.newInstance();
    activities.registerActivitiesImplementations(
        new TemporalClusterRequests(clusters.getWorkflowClient(), POLL));
    requests = activities.newActivityStub(ClusterRequestActivities.class, ONCE);
  }

  @AfterEach
  void stop() {
    activities.close();
    clusters.close();
  }

  private void cluster(String clusterId) {
    WorkflowClient.start(
        clusters
                .getWorkflowClient()
                .newWorkflowStub(
                    ClusterWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(ClusterWorkflow.workflowId(clusterId))
                        .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                        .build())
            ::run,
        ClusterWorkflowInput.fresh(clusterId));
  }

  @Test
  void aBackupIsRequestedAndAwaitedUntilItSucceeds() {
    cluster("c-1");
    long started = System.nanoTime();

    RequestedBackup backup = requests.requestBackup("c-1", "scheduled-1");

    assertThat(backup)
        .isEqualTo(
            new RequestedBackup("c-1", "scheduled-1", RequestedBackupOutcome.SUCCEEDED, null));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(FakeClusterWorkflow.BACKUP_TIME);
  }

  @Test
  void askingAgainWithTheSameIdFindsTheSameBackup() {
    cluster("c-2");

    requests.requestBackup("c-2", "scheduled-1");
    RequestedBackup again = requests.requestBackup("c-2", "scheduled-1");

    assertThat(again.outcome()).isEqualTo(RequestedBackupOutcome.SUCCEEDED);
    assertThat(
            clusters
                .getWorkflowClient()
                .newWorkflowStub(ClusterWorkflow.class, ClusterWorkflow.workflowId("c-2"))
                .backups())
        .hasSize(1);
  }

  @Test
  void aFailedBackupIsReportedWithItsError() {
    cluster("broken-1");

    RequestedBackup backup = requests.requestBackup("broken-1", "scheduled-1");

    assertThat(backup.outcome()).isEqualTo(RequestedBackupOutcome.FAILED);
    assertThat(backup.detail()).isEqualTo("snapshot error");
  }

  @Test
  void aBusyClusterIsSkipped() {
    cluster("busy-1");

    RequestedBackup backup = requests.requestBackup("busy-1", "scheduled-1");

    assertThat(backup.outcome()).isEqualTo(RequestedBackupOutcome.SKIPPED);
    assertThat(backup.detail()).isEqualTo("concurrency: cluster busy-1 is failing over");
  }

  @Test
  void aClusterThatDoesNotExistIsSkipped() {
    RequestedBackup backup = requests.requestBackup("gone-1", "scheduled-1");

    assertThat(backup.outcome()).isEqualTo(RequestedBackupOutcome.SKIPPED);
    assertThat(backup.detail()).isEqualTo("cluster gone-1 does not exist");
  }

  @Test
  void aRequestTheClusterCallsInvalidFailsForGood() {
    cluster("odd-1");

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> requests.requestBackup("odd-1", "scheduled-1"));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).contains("odd-1 refused backup scheduled-1", "is odd");
  }

  @Test
  void thePrimaryTaskQueueComesFromTheClusterTopology() {
    cluster("deployed-1");
    cluster("fresh-1");

    assertThat(requests.primaryTaskQueue("deployed-1")).contains("node/d-deployed-1/pg-1");
    assertThat(requests.primaryTaskQueue("fresh-1")).as("no VMs yet").isEmpty();
    assertThat(requests.primaryTaskQueue("ghost-1")).as("no such cluster").isEmpty();
  }

  @Test
  void forgettingBackupsOfAClusterThatIsGoneIsNoError() {
    cluster("c-1");

    assertThatCode(() -> requests.forgetBackups("c-1", List.of("b-1"))).doesNotThrowAnyException();
    assertThatCode(() -> requests.forgetBackups("ghost-1", List.of("b-1")))
        .doesNotThrowAnyException();
  }
}
