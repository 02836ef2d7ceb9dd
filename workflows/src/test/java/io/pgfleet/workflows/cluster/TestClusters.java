package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cluster entities in a given phase, for the rules tested without a workflow. */
final class TestClusters {

  static final String ID = "c-1";

  private TestClusters() {}

  /** A cluster workflow that has accepted no provision yet. */
  static ClusterEntity fresh() {
    return ClusterEntity.from(ClusterWorkflowInput.fresh(ID));
  }

  /** Provisioned by op-1 (op-0 also seen), with the test topology and these bindings. */
  static ClusterEntity entity(ClusterPhase phase, String... bindingIds) {
    OperationView provision =
        OperationViews.succeeded(
            OperationViews.queued("op-1", ID, OperationType.PROVISION, 1_000), 2_000);
    Map<String, BindingRecord> bindings = new LinkedHashMap<>();
    for (String id : bindingIds) {
      bindings.put(id, new BindingRecord(id, BindingNames.username(id), "pw"));
    }
    ClusterState state =
        new ClusterState(
            ID,
            PlanCatalog.SERVICE_ID,
            PlanCatalog.SMALL.id(),
            Map.of(),
            Map.of(),
            phase,
            TestTopologies.of("pgfleet-" + ID),
            new ClusterSecrets("a", "b", "c"),
            bindings,
            List.of(provision),
            List.of("op-1", "op-0"),
            null,
            null,
            null,
            null,
            null,
            null);
    return ClusterEntity.from(new ClusterWorkflowInput(ID, state));
  }
}
