package io.pgfleet.workflows.provision;

import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.DONE;
import static io.pgfleet.workflows.provision.ClusterFixture.MANIFEST;
import static io.pgfleet.workflows.provision.ClusterFixture.OPERATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.DeployRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.failure.ApplicationFailure;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ProvisionLockRetryTest {

  private final MockedCloud cloud = new MockedCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  /** What reaches the workflow once the deploy activity's own retries found the lock still held. */
  private static ApplicationFailure locked() {
    return ApplicationFailure.newNonRetryableFailure(
        "deploy of pgfleet-c-7f3a failed: Task 7 error: Failed to acquire lock for lock:deployment",
        FailureType.BOSH_DEPLOYMENT_LOCKED.name());
  }

  @Test
  void aLockedDeploymentIsDeployedAfterPausesUnderNewContextIds() {
    when(cloud.bosh.deploy(any())).thenThrow(locked()).thenThrow(locked()).thenReturn(DONE);

    ProvisionResult result =
        cloud.provisionStub("provision-locked").provision(ClusterFixture.provisionInput());

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    ArgumentCaptor<DeployRequest> deploys = ArgumentCaptor.forClass(DeployRequest.class);
    verify(cloud.bosh, times(3)).deploy(deploys.capture());
    assertThat(deploys.getAllValues())
        .containsExactly(
            new DeployRequest(DEPLOYMENT, MANIFEST, OPERATION_ID + "/deploy"),
            new DeployRequest(DEPLOYMENT, MANIFEST, OPERATION_ID + "/deploy-retry-1"),
            new DeployRequest(DEPLOYMENT, MANIFEST, OPERATION_ID + "/deploy-retry-2"));
    StepView deploy = result.operation().steps().get(1);
    assertThat(deploy.name()).isEqualTo("deploy");
    assertThat(deploy.finishedAtMillis() - deploy.startedAtMillis())
        .as("workflow time spent pausing")
        .isGreaterThanOrEqualTo(2 * BoshLockRetry.LOCK_RETRY_PAUSE.toMillis());
    verify(cloud.bosh, times(0)).deleteDeployment(any());
  }

  @Test
  void aLockThatIsNeverReleasedFailsAfterBoundedAttemptsAndRollsBack() {
    when(cloud.bosh.deploy(any())).thenThrow(locked());

    OperationView view =
        FailedOperation.viewOf(
            () ->
                cloud.provisionStub("provision-stuck").provision(ClusterFixture.provisionInput()));

    int attempts = BoshLockRetry.MAX_LOCK_RETRIES + 1;
    assertThat(view.error())
        .isEqualTo(
            "deploy failed: deployment "
                + DEPLOYMENT
                + " stayed locked by another BOSH task after "
                + attempts
                + " attempts");
    verify(cloud.bosh, times(attempts)).deploy(any());
    IntStream.range(1, attempts)
        .forEach(
            n ->
                verify(cloud.bosh)
                    .deploy(
                        new DeployRequest(
                            DEPLOYMENT, MANIFEST, OPERATION_ID + "/deploy-retry-" + n)));
    verify(cloud.bosh, atLeastOnce()).deleteDeployment(any());
    verify(cloud.bosh, times(1)).deleteOrphanedDisks(any());
  }
}
