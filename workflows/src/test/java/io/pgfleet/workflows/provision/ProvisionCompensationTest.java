package io.pgfleet.workflows.provision;

import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.OPERATION_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PGPOOL_IPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.DeleteDeploymentRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every step after the deploy was registered for rollback undoes it when it fails. */
class ProvisionCompensationTest {

  private static final DeleteDeploymentRequest ROLLBACK_DELETE =
      new DeleteDeploymentRequest(DEPLOYMENT, OPERATION_ID + "/rollback-delete", true);
  private static final DeleteOrphanedDisksRequest ROLLBACK_DISKS =
      new DeleteOrphanedDisksRequest(DEPLOYMENT, OPERATION_ID + "/rollback-disks");

  private final MockedCloud cloud = new MockedCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  /**
   * Failures are non-retryable here: they stand for what reaches the workflow once an activity's
   * own retries are exhausted.
   */
  static ApplicationFailure failure(String message, FailureType type) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  static Stream<Arguments> failingSteps() {
    return Stream.of(
        failing(
            "deploy",
            "deploy of pgfleet-c-7f3a failed: Task 42 error: no IP left on network default",
            c ->
                when(c.bosh.deploy(any()))
                    .thenThrow(
                        failure(
                            "deploy of pgfleet-c-7f3a failed: Task 42 error: no IP left on network default",
                            FailureType.BOSH_TASK_FAILED))),
        failing(
            "discover instances",
            "listing instances of deployment pgfleet-c-7f3a failed: 503",
            c ->
                when(c.bosh.instances(any()))
                    .thenThrow(
                        failure(
                            "listing instances of deployment pgfleet-c-7f3a failed: 503",
                            FailureType.BOSH_REQUEST_REJECTED))),
        failing(
            "discover instances",
            "deployment pgfleet-c-7f3a has postgres instances [0], expected [0, 1]",
            c ->
                when(c.bosh.instances(any()))
                    .thenReturn(
                        List.of(ClusterFixture.instance("postgres", 0, "pg0", "10.244.0.10")))),
        failing(
            "bootstrap primary",
            "initdb exited with 1: could not create directory",
            c ->
                when(c.primaryHost.bootstrapPrimary(any()))
                    .thenThrow(
                        failure(
                            "initdb exited with 1: could not create directory",
                            FailureType.HOST_COMMAND_FAILED))),
        failing(
            "build standby",
            "pg_basebackup: error: connection to server at 10.244.0.10 failed",
            c ->
                when(c.standbyHost.buildStandby(any()))
                    .thenThrow(
                        failure(
                            "pg_basebackup: error: connection to server at 10.244.0.10 failed",
                            FailureType.HOST_COMMAND_FAILED))),
        failing(
            "configure pgpools",
            "pgpool/1 (" + PGPOOL_IPS.get(1) + "): pgpool exited at start: port in use",
            c ->
                when(c.pgpoolHosts.get(1).configure(any()))
                    .thenThrow(
                        failure(
                            "pgpool exited at start: port in use",
                            FailureType.HOST_COMMAND_FAILED))),
        failing(
            "create application database",
            "FATAL: too many connections",
            c ->
                doThrow(failure("FATAL: too many connections", FailureType.HOST_COMMAND_FAILED))
                    .when(c.sql)
                    .ensureApplicationDatabase(any())),
        failing(
            "verify replication",
            "standby 10.244.0.11 did not replay the marker written through 10.244.0.21:9999",
            c ->
                when(c.sql.verifyReplication(any()))
                    .thenThrow(
                        failure(
                            "standby 10.244.0.11 did not replay the marker written through 10.244.0.21:9999",
                            FailureType.HOST_COMMAND_FAILED))));
  }

  private static Arguments failing(String step, String reason, Consumer<MockedCloud> breakIt) {
    return Arguments.of(step, reason, breakIt);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("failingSteps")
  void aFailedStepRollsTheDeploymentBack(
      String step, String reason, Consumer<MockedCloud> breakIt) {
    breakIt.accept(cloud);

    OperationView view =
        FailedOperation.viewOf(
            () ->
                cloud.provisionStub("provision-fails").provision(ClusterFixture.provisionInput()));

    assertThat(view.state()).isEqualTo(OperationState.FAILED);
    assertThat(view.error()).isEqualTo(step + " failed: " + reason);
    assertThat(view.description()).isEqualTo("provision failed: " + step + " failed: " + reason);
    List<StepView> steps = view.steps();
    assertThat(steps.get(steps.size() - 3))
        .extracting(StepView::name, StepView::state, StepView::error)
        .containsExactly(step, OperationState.FAILED, reason);
    assertThat(steps.subList(steps.size() - 2, steps.size()))
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("rollback: delete deployment", OperationState.SUCCEEDED),
            tuple("rollback: delete orphaned disks", OperationState.SUCCEEDED));
    verify(cloud.bosh, times(1)).deleteDeployment(ROLLBACK_DELETE);
    verify(cloud.bosh, times(1)).deleteOrphanedDisks(ROLLBACK_DISKS);
    verify(cloud.bosh, times(1)).deleteDeployment(any());
    verify(cloud.bosh, times(1)).deleteOrphanedDisks(any());
  }

  @Test
  void aFailedRenderCreatedNothingSoNothingIsRolledBack() {
    when(cloud.manifests.renderCluster(any()))
        .thenThrow(failure("unknown vm_type small", FailureType.INVALID_INPUT));

    OperationView view =
        FailedOperation.viewOf(
            () ->
                cloud.provisionStub("provision-render").provision(ClusterFixture.provisionInput()));

    assertThat(view.error()).isEqualTo("render manifest failed: unknown vm_type small");
    assertThat(view.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(tuple("render manifest", OperationState.FAILED));
    verify(cloud.bosh, never()).deploy(any());
    verify(cloud.bosh, never()).deleteDeployment(any());
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
  }

  @Test
  void aFailedRollbackIsReportedAndStopsBeforeTheDisks() {
    when(cloud.standbyHost.buildStandby(any()))
        .thenThrow(failure("pg_basebackup: error: timeout", FailureType.HOST_COMMAND_FAILED));
    when(cloud.bosh.deleteDeployment(any()))
        .thenThrow(failure("Director is read-only", FailureType.BOSH_REQUEST_REJECTED));

    OperationView view =
        FailedOperation.viewOf(
            () ->
                cloud
                    .provisionStub("provision-rollback-fails")
                    .provision(ClusterFixture.provisionInput()));

    assertThat(view.error())
        .isEqualTo(
            "build standby failed: pg_basebackup: error: timeout; rollback: delete deployment"
                + " failed, resources may remain: Director is read-only");
    assertThat(view.steps().get(view.steps().size() - 1))
        .extracting(StepView::name, StepView::state)
        .containsExactly("rollback: delete deployment", OperationState.FAILED);
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
  }
}
