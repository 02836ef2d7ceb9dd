package io.pgfleet.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The progress query and cancellation while a step runs (the standby build, held by a latch). */
class ProvisionProgressTest {

  /** Bounds every wait of this test; the workflow needs well under a second to get there. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final long POLL_MILLIS = 50;

  private final MockedCloud cloud = new MockedCloud();
  private final CountDownLatch standbyRelease = new CountDownLatch(1);

  @AfterEach
  void close() {
    standbyRelease.countDown();
    cloud.close();
  }

  @Test
  void progressShowsTheRunningStep() throws Exception {
    ProvisionWorkflow workflow = startWithStandbyHeld("provision-progress");

    OperationView running = awaitStep(workflow, "build standby");

    assertThat(running.state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(running.description()).isEqualTo("provision in progress: build standby");
    assertThat(running.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("render manifest", OperationState.SUCCEEDED),
            tuple("deploy", OperationState.SUCCEEDED),
            tuple("discover instances", OperationState.SUCCEEDED),
            tuple("bootstrap primary", OperationState.SUCCEEDED),
            tuple("configure archiving", OperationState.SUCCEEDED),
            tuple("build standby", OperationState.IN_PROGRESS));
    assertThat(running.steps().get(5).finishedAtMillis()).isNull();

    standbyRelease.countDown();
    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(workflow.progress()).isEqualTo(result.operation());
  }

  @Test
  void aCancelledProvisionStillRollsBack() throws Exception {
    ProvisionWorkflow workflow = startWithStandbyHeld("provision-cancel");
    awaitStep(workflow, "build standby");

    WorkflowStub.fromTyped(workflow).cancel();

    // Temporal reports a cancelled workflow as cancelled whatever it threw; the record stays.
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(CanceledFailure.class);
    OperationView view = workflow.progress();
    assertThat(view.state()).isEqualTo(OperationState.FAILED);
    assertThat(view.error()).startsWith("build standby failed: ");
    assertThat(view.steps())
        .extracting(StepView::name)
        .endsWith(
            "build standby", "rollback: delete deployment", "rollback: delete orphaned disks");
    verify(cloud.bosh, times(1)).deleteDeployment(any());
    verify(cloud.bosh, times(1)).deleteOrphanedDisks(any());
  }

  private ProvisionWorkflow startWithStandbyHeld(String workflowId) {
    when(cloud.standbyHost.buildStandby(any()))
        .thenAnswer(
            call -> {
              standbyRelease.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
              return new PostgresNodeStatus(
                  "postgres", 5432, PostgresRole.STANDBY, 1, "0/0", "0/0", 0, true, 0);
            });
    ProvisionWorkflow workflow = cloud.provisionStub(workflowId);
    WorkflowClient.start(workflow::provision, ClusterFixture.provisionInput());
    return workflow;
  }

  private static OperationView awaitStep(ProvisionWorkflow workflow, String step)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      OperationView view = workflow.progress();
      if (step.equals(currentStep(view))) {
        return view;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new AssertionError("step " + step + " did not start within " + PATIENCE);
  }

  private static String currentStep(OperationView view) {
    return view.steps().isEmpty() ? null : view.steps().get(view.steps().size() - 1).name();
  }
}
