package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.backup.BackupSchedulePolicy;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Schedules follow the cluster: ensured after provision, removed after deprovision. */
class ClusterWorkflowBackupScheduleTest {

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void provisionEnsuresTheDefaultSchedulesAndDeprovisionRemovesThem() {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    verify(t.schedules).ensure(BackupSchedulePolicy.defaults("c-0001"));

    cluster.deprovision(new DeprovisionRequest("op-2"));
    t.awaitCompletion();

    verify(t.schedules).remove("c-0001");
    assertThat(cluster.operation("op-2").steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            tuple("delete deployment", OperationState.SUCCEEDED),
            tuple("mark done", OperationState.SUCCEEDED),
            tuple("remove backup schedules", OperationState.SUCCEEDED));
  }

  @Test
  void aScheduleThatCannotBeCreatedIsAFailedStepOfAReadyCluster() {
    doThrow(new IllegalStateException("schedule service unavailable"))
        .when(t.schedules)
        .ensure(any());
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    // The bounded retries wait seconds of server time, skipped only while the test sleeps on it.
    t.env.sleep(Duration.ofMinutes(3));

    t.awaitPhase(ClusterPhase.READY);
    StepView step = cluster.operation("op-1").steps().get(2);
    assertThat(step.name()).isEqualTo("ensure backup schedules");
    assertThat(step.state()).isEqualTo(OperationState.FAILED);
    assertThat(step.error()).contains("schedule service unavailable");
    assertThat(cluster.operation("op-1").state()).isEqualTo(OperationState.SUCCEEDED);
  }
}
