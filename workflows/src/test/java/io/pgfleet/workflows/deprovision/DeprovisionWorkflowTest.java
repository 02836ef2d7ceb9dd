package io.pgfleet.workflows.deprovision;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.pgfleet.workflows.bosh.DeleteDeploymentRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.postgres.DropBindingRoleInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.pgfleet.workflows.provision.FailedOperation;
import io.pgfleet.workflows.provision.MockedCloud;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeprovisionWorkflowTest {

  static final String OPERATION_ID = "op-2";
  static final List<String> USERNAMES = List.of("b_1f2e", "b_9a0c");

  private final MockedCloud cloud = new MockedCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  static DeprovisionInput input(Topology topology, List<String> usernames) {
    return new DeprovisionInput(CLUSTER_ID, OPERATION_ID, DEPLOYMENT, topology, SECRETS, usernames);
  }

  private static ApplicationFailure failure(String message, FailureType type) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  @Test
  void dropsRolesThenDeletesTheDeploymentAndItsDisks() {
    DeprovisionResult result =
        cloud
            .deprovisionStub("deprovision-happy")
            .deprovision(input(ClusterFixture.topology(), USERNAMES));

    OperationView view = result.operation();
    assertThat(view.type()).isEqualTo(OperationType.DEPROVISION);
    assertThat(view.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(view.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("drop binding roles", OperationState.SUCCEEDED),
            tuple("delete deployment", OperationState.SUCCEEDED),
            tuple("delete orphaned disks", OperationState.SUCCEEDED));
    var primary = new PostgresEndpoint(PRIMARY_IP, 5432, SECRETS.superuserPassword());
    for (String username : USERNAMES) {
      verify(cloud.sql)
          .dropBindingRole(new DropBindingRoleInput(primary, "app", "app_owner", username));
    }
    verify(cloud.bosh)
        .deleteDeployment(new DeleteDeploymentRequest(DEPLOYMENT, OPERATION_ID + "/delete", false));
    verify(cloud.bosh)
        .deleteOrphanedDisks(new DeleteOrphanedDisksRequest(DEPLOYMENT, OPERATION_ID + "/disks"));
  }

  @Test
  void aClusterThatNeverGotVmsAndHasNoDeploymentIsDeletedWithoutSql() {
    when(cloud.bosh.deleteDeployment(any()))
        .thenReturn(new BoshTaskOutcome(0, "done", "deployment " + DEPLOYMENT + " does not exist"));
    when(cloud.bosh.deleteOrphanedDisks(any())).thenReturn(0);

    DeprovisionResult result =
        cloud.deprovisionStub("deprovision-missing").deprovision(input(null, USERNAMES));

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .containsExactly("delete deployment", "delete orphaned disks");
    verify(cloud.sql, never()).dropBindingRole(any());
  }

  @Test
  void anUnreachablePrimaryIsRecordedAndTheDeprovisionGoesOn() {
    doThrow(failure("connection to 10.244.0.10:5432 refused", FailureType.HOST_COMMAND_FAILED))
        .when(cloud.sql)
        .dropBindingRole(any());

    DeprovisionResult result =
        cloud
            .deprovisionStub("deprovision-unreachable")
            .deprovision(input(ClusterFixture.topology(), USERNAMES));

    OperationView view = result.operation();
    assertThat(view.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(view.steps())
        .extracting(StepView::name, StepView::state, StepView::error)
        .containsExactly(
            tuple(
                "drop binding roles",
                OperationState.FAILED,
                "connection to 10.244.0.10:5432 refused"),
            tuple("delete deployment", OperationState.SUCCEEDED, null),
            tuple("delete orphaned disks", OperationState.SUCCEEDED, null));
    verify(cloud.sql, times(1)).dropBindingRole(any());
    verify(cloud.bosh, times(1)).deleteDeployment(any());
  }

  @Test
  void aDeleteTaskThatFailsIsForced() {
    when(cloud.bosh.deleteDeployment(any()))
        .thenThrow(
            failure("Task 9 error: drain of postgres/1 timed out", FailureType.BOSH_TASK_FAILED))
        .thenReturn(ClusterFixture.DONE);

    DeprovisionResult result =
        cloud
            .deprovisionStub("deprovision-forced")
            .deprovision(input(ClusterFixture.topology(), List.of()));

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("delete deployment", OperationState.FAILED),
            tuple("force-delete deployment", OperationState.SUCCEEDED),
            tuple("delete orphaned disks", OperationState.SUCCEEDED));
    verify(cloud.bosh)
        .deleteDeployment(
            new DeleteDeploymentRequest(DEPLOYMENT, OPERATION_ID + "/force-delete", true));
  }

  @Test
  void aRejectedDeleteFailsTheOperationNamingTheStep() {
    when(cloud.bosh.deleteDeployment(any()))
        .thenThrow(failure("Director is read-only", FailureType.BOSH_REQUEST_REJECTED));

    OperationView view =
        FailedOperation.viewOf(
            () ->
                cloud
                    .deprovisionStub("deprovision-rejected")
                    .deprovision(input(ClusterFixture.topology(), List.of())));

    assertThat(view.state()).isEqualTo(OperationState.FAILED);
    assertThat(view.error()).isEqualTo("delete deployment failed: Director is read-only");
    assertThat(view.description())
        .isEqualTo("deprovision failed: delete deployment failed: Director is read-only");
    verify(cloud.bosh, times(1)).deleteDeployment(any());
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
  }

  @Test
  void aForcedDeleteThatFailsTooFailsTheOperation() {
    when(cloud.bosh.deleteDeployment(any()))
        .thenThrow(failure("Task 9 error: drain timed out", FailureType.BOSH_TASK_FAILED))
        .thenThrow(failure("Task 10 error: CPI error: disk busy", FailureType.BOSH_TASK_FAILED));

    OperationView view =
        FailedOperation.viewOf(
            () ->
                cloud
                    .deprovisionStub("deprovision-force-fails")
                    .deprovision(input(ClusterFixture.topology(), List.of())));

    assertThat(view.error())
        .isEqualTo("force-delete deployment failed: Task 10 error: CPI error: disk busy");
    verify(cloud.bosh, times(2)).deleteDeployment(any());
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
  }
}
