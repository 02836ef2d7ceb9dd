package io.pgfleet.workflows.verify;

import static io.pgfleet.workflows.verify.VerifyCloud.CLUSTER_ID;
import static io.pgfleet.workflows.verify.VerifyCloud.FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verifications that fail: a backup that cannot be restored (nothing created), and infrastructure
 * failures, after which the throw-away cluster is still deprovisioned.
 */
class VerifyBackupFailureTest {

  private final VerifyCloud cloud = new VerifyCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void anUnknownBackupIsRejectedAndNothingIsCreated() {
    when(cloud.catalog.get(new BackupRef(CLUSTER_ID, "b-404"))).thenReturn(Optional.empty());

    ApplicationFailure failure = failureOf("verify-unknown", "b-404");

    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(failure.getOriginalMessage())
        .isEqualTo("backup b-404 of cluster c-7f3a is not in the catalog");
    assertNothingCreated();
  }

  @Test
  void aFailedBackupIsRejectedAndNothingIsCreated() {
    ApplicationFailure failure = failureOf("verify-failed", FAILED);

    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(failure.getOriginalMessage())
        .contains("backup b-2 of cluster c-7f3a is FAILED", "snapshot failed");
    assertNothingCreated();
  }

  @Test
  void aClusterWithoutACompletedBackupIsRejected() {
    when(cloud.catalog.list(CLUSTER_ID)).thenReturn(List.of(VerifyCloud.backups().get(1)));

    ApplicationFailure failure = failureOf("verify-none", null);

    assertThat(failure.getOriginalMessage())
        .isEqualTo("cluster c-7f3a has no completed snapshot backup to verify");
    assertNothingCreated();
  }

  @Test
  void aFailedProvisionFailsTheVerificationAndStillDeprovisions() {
    cloud.script.provisionFailure = "deploy failed: no capacity";

    ApplicationFailure failure = failureOf("verify-noprovision", null);

    assertThat(failure.getType()).isEqualTo(FailureType.OPERATION_FAILED.name());
    assertThat(failure.getOriginalMessage()).contains("deploy failed: no capacity");
    assertThat(cloud.script.deprovisions).hasSize(1);
    assertThat(cloud.script.deprovisions.get(0).topology()).isNull();
    verify(cloud.catalog, never()).putVerification(any());
  }

  @Test
  void aCatalogThatCannotRecordFailsTheVerificationAfterDeprovisioning() {
    doThrow(ApplicationFailure.newNonRetryableFailure("AccessDenied", "OBJECT_STORE_REJECTED"))
        .when(cloud.catalog)
        .putVerification(any());

    ApplicationFailure failure = failureOf("verify-nocatalog", null);

    assertThat(failure.getOriginalMessage()).isEqualTo("record verification failed: AccessDenied");
    OperationView view = failure.getDetails().get(0, OperationView.class);
    assertThat(view.state()).isEqualTo(OperationState.FAILED);
    assertThat(cloud.script.deprovisions).hasSize(1);
  }

  @Test
  void aThrowAwayClusterThatStaysFailsTheVerificationNamingIt() {
    cloud.script.deprovisionFailure = "delete deployment failed: Director unavailable";

    ApplicationFailure failure = failureOf("verify-leak", null);

    String throwAway = cloud.script.provisions.get(0).clusterId();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "throw-away cluster "
                + throwAway
                + " not removed: delete deployment failed: Director unavailable");
    verify(cloud.catalog).putVerification(any());
  }

  @Test
  void aCancelledVerificationStillDeprovisionsItsThrowAwayCluster() {
    cloud.script.restoreHangs = true;
    VerifyBackupWorkflow workflow = cloud.stub("verify-cancelled");
    WorkflowClient.start(workflow::verify, new VerifyBackupInput(CLUSTER_ID, null, "op-c", null));
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    awaitRestoreStarted();

    stub.cancel();
    Throwable ended = catchThrowable(() -> stub.getResult(Void.class));

    assertThat(ended).as("%s", ended).isInstanceOf(WorkflowFailedException.class);
    assertThat(cloud.script.deprovisions).hasSize(1);
    assertThat(cloud.script.deprovisions.get(0).clusterId())
        .isEqualTo(cloud.script.provisions.get(0).clusterId());
    verify(cloud.catalog, never()).putVerification(any());
  }

  /** Only computed when an assertion fails: what the workflow did instead. */
  private List<String> events(String workflowId) {
    return cloud.history(workflowId).getEvents().stream()
        .map(e -> e.getEventType().name())
        .toList();
  }

  /** Bounded: the fake restore starts within a few workflow tasks. */
  private void awaitRestoreStarted() {
    for (int i = 0; i < 100 && cloud.script.restores.isEmpty(); i++) {
      cloud.env.sleep(Duration.ofSeconds(1));
    }
    assertThat(cloud.script.restores).as("restore started").hasSize(1);
  }

  private ApplicationFailure failureOf(String workflowId, String backupId) {
    Throwable failed =
        catchThrowable(
            () ->
                cloud
                    .stub(workflowId)
                    .verify(new VerifyBackupInput(CLUSTER_ID, backupId, "op-f", null)));
    assertThat(failed).isInstanceOf(WorkflowFailedException.class);
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }

  private void assertNothingCreated() {
    assertThat(cloud.script.provisions).isEmpty();
    assertThat(cloud.script.deprovisions).isEmpty();
    verify(cloud.catalog, never()).putVerification(any());
  }
}
