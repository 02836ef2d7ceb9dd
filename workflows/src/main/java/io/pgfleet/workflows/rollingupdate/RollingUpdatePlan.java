package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.catalog.Plan;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.TreeMap;

/** The plan the update rolls out, and what it refuses: pure functions of the input. */
final class RollingUpdatePlan {

  private RollingUpdatePlan() {}

  /** The target plan with the extra parameters on top (they win), sorted for a stable manifest. */
  static Plan effective(RollingUpdateInput input) {
    Plan plan = input.plan();
    Map<String, String> parameters = new TreeMap<>();
    if (plan.postgresParameters() != null) {
      parameters.putAll(plan.postgresParameters());
    }
    parameters.putAll(input.extraPostgresParameters());
    return new Plan(
        plan.id(),
        plan.name(),
        plan.description(),
        plan.vmType(),
        plan.cpus(),
        plan.memoryMb(),
        plan.diskMb(),
        Map.copyOf(parameters),
        plan.maximumLagOnFailoverBytes(),
        plan.upgradableTo());
  }

  /**
   * Throws INVALID_INPUT for what no rolling update can do: no primary or standby, no plan, or a
   * smaller disk (BOSH cannot shrink a persistent disk; the data must move to a new cluster).
   */
  static void check(RollingUpdateInput input) {
    if (input.plan() == null || input.topology() == null) {
      throw invalid("a rolling update needs a topology and a target plan");
    }
    try {
      input.topology().primary();
      input.topology().standby();
    } catch (IllegalStateException e) {
      throw invalid("a rolling update needs a primary and a standby: " + e.getMessage());
    }
    if (input.plan().diskMb() < input.currentDiskMb()) {
      throw invalid(
          "plan %s has a %d MB disk, smaller than the cluster's %d MB: shrinking a disk needs a"
                  .formatted(input.plan().name(), input.plan().diskMb(), input.currentDiskMb())
              + " migration to a new cluster (restore into it), not a rolling update");
    }
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.name());
  }
}
