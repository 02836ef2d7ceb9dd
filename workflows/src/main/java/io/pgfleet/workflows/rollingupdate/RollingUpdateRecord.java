package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.postgres.ShowSettingsInput;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The record step: the plan's settings as both running servers show them. */
final class RollingUpdateRecord {

  private RollingUpdateRecord() {}

  static Map<String, Map<String, String>> settings(
      RollingUpdateInput input, Topology topology, Plan plan) {
    PostgresSqlActivities sql =
        Workflow.newActivityStub(PostgresSqlActivities.class, ActivityPolicies.SQL);
    List<String> names = new ArrayList<>(new TreeMap<>(plan.postgresParameters()).keySet());
    Map<String, Map<String, String>> seen = new TreeMap<>();
    for (ClusterNode node : List.of(topology.primary(), topology.standby())) {
      PostgresEndpoint endpoint =
          new PostgresEndpoint(
              node.address(), Topology.POSTGRES_PORT, input.secrets().superuserPassword());
      seen.put(node.name(), sql.showSettings(new ShowSettingsInput(endpoint, names)));
    }
    return seen;
  }

  /**
   * "settings as planned on both nodes", or which node shows what else (a unit PostgreSQL spells
   * differently, e.g. 1024MB shown as 1GB, is listed too: the operator can tell).
   */
  static String describe(Map<String, Map<String, String>> settings, Plan plan) {
    List<String> differ = new ArrayList<>();
    settings.forEach(
        (node, shown) ->
            new TreeMap<>(plan.postgresParameters())
                .forEach(
                    (name, wanted) -> {
                      String value = shown.get(name);
                      if (!wanted.equals(value)) {
                        differ.add("%s %s=%s (planned %s)".formatted(node, name, value, wanted));
                      }
                    }));
    return differ.isEmpty()
        ? "settings as planned on both nodes"
        : "settings differ: " + String.join(", ", differ);
  }
}
