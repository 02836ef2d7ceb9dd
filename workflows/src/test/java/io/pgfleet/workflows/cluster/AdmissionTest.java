package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationType;
import org.junit.jupiter.api.Test;

/** The rules the workflow tests do not reach easily: states that need precise timing. */
class AdmissionTest {

  private static ClusterEntity cluster(ClusterPhase phase, String... bindingIds) {
    return TestClusters.entity(phase, bindingIds);
  }

  private static ProvisionRequest provision(String operationId) {
    return new ProvisionRequest(
        operationId, PlanCatalog.SERVICE_ID, PlanCatalog.SMALL.id(), null, null, null);
  }

  @Test
  void bindingWorkInFlightBlocksWhatWouldContradictIt() {
    ClusterEntity c = cluster(ClusterPhase.READY, "b-1");
    c.bindingWork.put("b-1", OperationType.UNBIND);
    c.bindingWork.put("b-2", OperationType.BIND);

    assertThatThrownBy(() -> Admission.bind(c, new BindRequest("b-1")))
        .hasMessage("concurrency: binding b-1 is being removed");
    assertThatThrownBy(() -> Admission.unbind(c, new UnbindRequest("b-2")))
        .hasMessage("concurrency: binding b-2 is being created");
    assertThatThrownBy(() -> Admission.deprovision(c, new DeprovisionRequest("op-9")))
        .hasMessageStartingWith("concurrency: cluster c-1 is changing bindings");
    assertThat(Admission.unbind(c, new UnbindRequest("b-1")).duplicate()).isTrue();
    assertThat(Admission.bind(c, new BindRequest("b-3"))).isEqualTo(Admission.Verdict.ACCEPT);
  }

  @Test
  void aFailedClusterOnlyAcceptsDeprovision() {
    ClusterEntity c = cluster(ClusterPhase.FAILED);

    assertThatThrownBy(() -> Admission.bind(c, new BindRequest("b-1")))
        .hasMessageStartingWith("conflict: cluster c-1 failed to provision");
    assertThatThrownBy(() -> Admission.provision(c, provision("op-2")))
        .hasMessageStartingWith("conflict: cluster c-1 failed to provision");
    assertThat(Admission.provision(c, provision("op-1")).duplicateOf()).isEqualTo("op-1");
    assertThat(Admission.deprovision(c, new DeprovisionRequest("op-2")))
        .isEqualTo(Admission.Verdict.ACCEPT);
  }

  @Test
  void missingIdsAndReusedOperationIdsAreRejected() {
    ClusterEntity c = cluster(ClusterPhase.READY);

    assertThatThrownBy(() -> Admission.provision(c, provision(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("operation id is missing");
    assertThatThrownBy(() -> Admission.bind(c, new BindRequest(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("binding id is missing");
    assertThatThrownBy(() -> Admission.provision(c, provision("op-0")))
        .hasMessage("conflict: operation id op-0 was already used for another request");
  }

  @Test
  void nullParametersEqualNoParameters() {
    ClusterEntity c = cluster(ClusterPhase.READY);

    assertThat(Admission.provision(c, provision("op-7")).duplicateOf()).isEqualTo("op-1");
  }

  private static FailoverRequest failover(String operationId) {
    return new FailoverRequest(operationId, "alice", "maintenance");
  }

  @Test
  void failoverIsAcceptedWhenReadyOrWaitingForAnOperator() {
    assertThat(Admission.failover(cluster(ClusterPhase.READY), failover("op-2")))
        .isEqualTo(Admission.Verdict.ACCEPT);
    assertThat(Admission.failover(cluster(ClusterPhase.NEEDS_OPERATOR), failover("op-2")))
        .isEqualTo(Admission.Verdict.ACCEPT);
  }

  @Test
  void failoverIsRefusedWhileAnythingElseRunsOrWithoutACluster() {
    assertThatThrownBy(() -> Admission.failover(cluster(ClusterPhase.NEW), failover("op-2")))
        .hasMessage("not found: cluster c-1 has not been provisioned");
    assertThatThrownBy(
            () -> Admission.failover(cluster(ClusterPhase.PROVISIONING), failover("op-2")))
        .hasMessage("concurrency: cluster c-1 is being provisioned");
    assertThatThrownBy(
            () -> Admission.failover(cluster(ClusterPhase.DEPROVISIONING), failover("op-2")))
        .hasMessage("concurrency: cluster c-1 is being deleted");
    assertThatThrownBy(
            () -> Admission.failover(cluster(ClusterPhase.FAILING_OVER), failover("op-2")))
        .hasMessage("concurrency: cluster c-1 is already failing over");
    assertThatThrownBy(() -> Admission.failover(cluster(ClusterPhase.DELETED), failover("op-2")))
        .hasMessage("not found: cluster c-1 has been deleted");
    assertThatThrownBy(() -> Admission.failover(cluster(ClusterPhase.FAILED), failover("op-2")))
        .hasMessageStartingWith("conflict: cluster c-1 failed to provision");
    ClusterEntity binding = cluster(ClusterPhase.READY);
    binding.bindingWork.put("b-1", OperationType.BIND);
    assertThatThrownBy(() -> Admission.failover(binding, failover("op-2")))
        .hasMessage("concurrency: cluster c-1 is changing bindings [b-1]");
    assertThatThrownBy(() -> Admission.failover(cluster(ClusterPhase.READY), failover("op-1")))
        .hasMessage("conflict: operation id op-1 was already used for another request");
    assertThatThrownBy(() -> Admission.failover(cluster(ClusterPhase.READY), failover(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("operation id is missing");
  }

  @Test
  void aRepeatedFailoverIdAnswersWithThatFailover() {
    ClusterEntity c = cluster(ClusterPhase.FAILING_OVER);
    c.operations.remember("op-2");
    c.operations.put(OperationViews.queued("op-2", "c-1", OperationType.FAILOVER, 3_000));

    assertThat(Admission.failover(c, failover("op-2")).duplicateOf()).isEqualTo("op-2");
  }

  @Test
  void aClusterThatNeedsAnOperatorMayBeDeprovisionedButNotBound() {
    ClusterEntity c = cluster(ClusterPhase.NEEDS_OPERATOR, "b-1");

    assertThat(Admission.deprovision(c, new DeprovisionRequest("op-2")))
        .isEqualTo(Admission.Verdict.ACCEPT);
    assertThatThrownBy(() -> Admission.bind(c, new BindRequest("b-2")))
        .hasMessageStartingWith("conflict: cluster c-1 needs an operator");
    assertThatThrownBy(() -> Admission.unbind(c, new UnbindRequest("b-1")))
        .hasMessageStartingWith("conflict: cluster c-1 needs an operator");
  }

  @Test
  void aFailoverHoldsOffDeprovisionAndBindings() {
    ClusterEntity c = cluster(ClusterPhase.FAILING_OVER, "b-1");

    assertThatThrownBy(() -> Admission.deprovision(c, new DeprovisionRequest("op-2")))
        .hasMessageStartingWith("concurrency: cluster c-1 is failing over");
    assertThatThrownBy(() -> Admission.bind(c, new BindRequest("b-2")))
        .hasMessage("concurrency: cluster c-1 is failing over");
    assertThatThrownBy(() -> Admission.unbind(c, new UnbindRequest("b-1")))
        .hasMessage("concurrency: cluster c-1 is failing over");
  }
}
