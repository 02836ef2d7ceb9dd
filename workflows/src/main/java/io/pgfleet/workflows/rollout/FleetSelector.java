package io.pgfleet.workflows.rollout;

import java.util.List;

/**
 * Which clusters a rollout covers.
 *
 * @param planId the plan every chosen cluster has; only for {@link Scope#PLAN}
 * @param clusterIds the chosen clusters, in rollout order; only for {@link Scope#LIST}
 */
public record FleetSelector(Scope scope, String planId, List<String> clusterIds) {

  public enum Scope {
    ALL,
    PLAN,
    LIST
  }

  public static FleetSelector all() {
    return new FleetSelector(Scope.ALL, null, List.of());
  }

  public static FleetSelector plan(String planId) {
    return new FleetSelector(Scope.PLAN, planId, List.of());
  }

  public static FleetSelector list(List<String> clusterIds) {
    return new FleetSelector(Scope.LIST, null, List.copyOf(clusterIds));
  }
}
