package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules the workflow tests do not reach easily: states that need precise timing. */
class AdmissionTest {

  private static ClusterEntity cluster(ClusterPhase phase, String... bindingIds) {
    OperationView provision =
        OperationViews.succeeded(
            OperationViews.queued("op-1", "c-1", OperationType.PROVISION, 1_000), 2_000);
    Map<String, BindingRecord> bindings = new java.util.LinkedHashMap<>();
    for (String id : bindingIds) {
      bindings.put(id, new BindingRecord(id, BindingNames.username(id), "pw"));
    }
    ClusterState state =
        new ClusterState(
            "c-1",
            PlanCatalog.SERVICE_ID,
            PlanCatalog.SMALL.id(),
            Map.of(),
            Map.of(),
            phase,
            TestTopologies.of("pgfleet-c-1"),
            new ClusterSecrets("a", "b", "c"),
            bindings,
            List.of(provision),
            List.of("op-1", "op-0"));
    return ClusterEntity.from(new ClusterWorkflowInput("c-1", state));
  }

  private static ProvisionRequest provision(String operationId) {
    return new ProvisionRequest(
        operationId, PlanCatalog.SERVICE_ID, PlanCatalog.SMALL.id(), null, null);
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
}
