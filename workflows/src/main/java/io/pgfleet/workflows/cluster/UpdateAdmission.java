package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.Admission.concurrency;
import static io.pgfleet.workflows.cluster.Admission.conflict;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.Admission.Verdict;
import io.pgfleet.workflows.operation.OperationType;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admission of a rolling update and of a plan change (a rolling update to another plan): only a
 * ready cluster; the target plan must be in the catalog, on the current plan's upgrade paths, and
 * not shrink the disk (that needs a migration to a new cluster). Read-only, like {@link Admission}.
 */
final class UpdateAdmission {

  private static final Pattern SETTING = Pattern.compile("[a-z_][a-z0-9_.]{0,62}");

  private UpdateAdmission() {}

  static Verdict rollingUpdate(ClusterEntity c, RollingUpdateRequest r) {
    requireSettings(r.postgresParameters());
    Optional<Verdict> repeat =
        MaintenanceAdmission.repeatOf(c, r.operationId(), OperationType.ROLLING_UPDATE);
    if (repeat.isPresent()) {
      return repeat.get();
    }
    requirePlanChange(c, r.planId());
    switch (c.phase) {
      case READY -> {
        if (!c.bindingWork.isEmpty()) {
          throw concurrency(
              "cluster " + c.clusterId + " is changing bindings " + c.bindingWork.keySet());
        }
        return Verdict.ACCEPT;
      }
      case NEEDS_OPERATOR ->
          throw conflict(
              "cluster "
                  + c.clusterId
                  + " needs an operator (a failover stopped short); an update needs a healthy"
                  + " standby");
      default -> throw MaintenanceAdmission.refusedWhileBusy(c, "an update");
    }
  }

  /** The plan the update ends on: the requested one, or the cluster's own. */
  static Plan targetPlan(ClusterEntity c, RollingUpdateRequest r) {
    String planId = r.planId() == null ? c.planId : r.planId();
    return PlanCatalog.plan(planId).orElseThrow();
  }

  private static void requirePlanChange(ClusterEntity c, String planId) {
    if (planId == null || planId.equals(c.planId)) {
      return;
    }
    Plan target =
        PlanCatalog.plan(planId)
            .orElseThrow(
                () -> new IllegalArgumentException("plan " + planId + " is not in the catalog"));
    Plan current = PlanCatalog.plan(c.planId).orElseThrow();
    if (target.diskMb() < current.diskMb()) {
      throw new IllegalArgumentException(
          "plan "
              + target.name()
              + " has a smaller disk ("
              + target.diskMb()
              + " MB) than plan "
              + current.name()
              + " ("
              + current.diskMb()
              + " MB): shrinking a disk needs a migration (restore a backup into a new cluster"
              + " of that plan)");
    }
    if (!current.upgradableTo().contains(target.id())) {
      throw conflict(
          "cluster "
              + c.clusterId
              + " cannot change from plan "
              + current.name()
              + " to plan "
              + target.name()
              + "; allowed: "
              + current.upgradableTo().stream()
                  .map(id -> PlanCatalog.plan(id).map(Plan::name).orElse(id))
                  .toList());
    }
  }

  private static void requireSettings(Map<String, String> parameters) {
    if (parameters == null) {
      return;
    }
    parameters.forEach(
        (name, value) -> {
          if (!SETTING.matcher(name).matches() || value == null) {
            throw new IllegalArgumentException(
                "'" + name + "' = " + value + " is not a PostgreSQL setting to apply");
          }
        });
  }
}
