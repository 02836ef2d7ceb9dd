package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ChildScript.Behaviour;
import io.pgfleet.workflows.failover.FailoverInput;
import io.pgfleet.workflows.failover.FailoverTrigger.FailureReport;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Data-plane failure reports (the reportFailure Signal) and the automatic failovers they start. */
class ClusterWorkflowFailureReportTest {

  private static final String OLD_PRIMARY = TestTopologies.PRIMARY_ADDRESS;
  private static final String OLD_STANDBY = "10.244.0.11";

  private final ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class);

  @AfterEach
  void stop() {
    t.close();
  }

  private ClusterWorkflow readyCluster() {
    ClusterWorkflow cluster = t.start();
    cluster.provision(provision("op-1", PlanCatalog.SMALL));
    t.awaitPhase(ClusterPhase.READY);
    return cluster;
  }

  private String failoverId(ClusterWorkflow cluster) {
    return ClusterTestEnv.eventually(
            () -> cluster.view().operations(),
            ops -> ops.stream().anyMatch(o -> o.type() == OperationType.FAILOVER),
            "a failover operation")
        .stream()
        .filter(o -> o.type() == OperationType.FAILOVER)
        .findFirst()
        .orElseThrow()
        .operationId();
  }

  @Test
  void threeReportsAboutThePrimaryStartExactlyOneAutomaticFailover() {
    ClusterWorkflow cluster = readyCluster();
    t.script.failover = Behaviour.HOLD;

    t.report("pgpool/0", OLD_PRIMARY, "pgpool detached backend 0: health check failed");
    t.report("pgpool/1", OLD_PRIMARY, "pgpool detached backend 0: health check failed");
    t.report("postgres/1", OLD_PRIMARY, "replication stream lost");
    String operationId = failoverId(cluster);
    assertThat(cluster.view().phase()).isEqualTo(ClusterPhase.FAILING_OVER);
    t.release(operationId);
    t.awaitPhase(ClusterPhase.READY);

    assertThat(operationId).startsWith("failover-");
    assertThat(t.script.failoverInputs).hasSize(1);
    FailoverInput input = t.script.failoverInputs.get(0);
    assertThat(input.trigger().manual()).isFalse();
    // Reports that arrive before the child starts join its trigger; later ones are only logged.
    assertThat(input.trigger().reportedBy())
        .isNotEmpty()
        .first()
        .extracting(FailureReport::reporter, FailureReport::detail)
        .containsExactly("pgpool/0", "pgpool detached backend 0: health check failed");
    assertThat(cluster.operation(operationId).state()).isEqualTo(OperationState.SUCCEEDED);
    ArgumentCaptor<Alert> sent = ArgumentCaptor.forClass(Alert.class);
    verify(t.alerts, timeout(ClusterWorkflowFailoverTest.ALERT_WAIT_MILLIS)).send(sent.capture());
    assertThat(sent.getValue().summary())
        .isEqualTo("cluster c-0001: primary lost, failed over to postgres/1");

    // The old primary is no longer the primary; the new one's report predates the failover's end.
    t.report("pgpool/2", OLD_PRIMARY, "pgpool detached backend 0: health check failed");
    t.client
        .newUntypedWorkflowStub(ClusterTestEnv.WORKFLOW_ID)
        .signal(
            ClusterWorkflow.REPORT_FAILURE_SIGNAL,
            new DataPlaneReport("pgpool/2", OLD_STANDBY, 0, "a stale report"));
    cluster.deprovision(new DeprovisionRequest("op-2"));
    t.awaitCompletion();
    assertThat(t.script.failoverInputs).hasSize(1);
    verify(t.alerts, times(1)).send(any());
  }

  @Test
  void aReportAboutTheStandbyStartsNoFailover() {
    ClusterWorkflow cluster = readyCluster();

    t.report("pgpool/0", OLD_STANDBY, "pgpool detached backend 1: health check failed");
    cluster.deprovision(new DeprovisionRequest("op-2"));
    t.awaitCompletion();

    assertThat(t.script.failoverInputs).isEmpty();
    assertThat(cluster.view().operations())
        .extracting(OperationView::type)
        .containsExactly(OperationType.PROVISION, OperationType.DEPROVISION);
  }
}
