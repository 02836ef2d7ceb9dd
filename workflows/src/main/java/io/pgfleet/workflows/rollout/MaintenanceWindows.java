package io.pgfleet.workflows.rollout;

import java.util.Map;

/**
 * Where a cluster's maintenance window comes from: its own {@code maintenance_window} provision
 * parameter, else its plan's default. Plan defaults are spread over the weekend night so a fleet
 * rollout does not update every plan at the same hour.
 */
public final class MaintenanceWindows {

  /** The provision parameter (OSB {@code parameters.maintenance_window}). */
  public static final String PARAMETER = "maintenance_window";

  private static final Map<String, String> PLAN_DEFAULTS =
      Map.of("small", "sun-02:00/4h", "medium", "sun-03:00/4h", "large", "sat-03:00/4h");
  private static final String FALLBACK = "sun-02:00/4h";

  private MaintenanceWindows() {}

  /**
   * The cluster's window; a malformed parameter falls back to the plan's (and is logged by the
   * caller).
   */
  public static MaintenanceWindow of(String parameter, String planName) {
    if (parameter != null && !parameter.isBlank()) {
      try {
        return MaintenanceWindow.parse(parameter);
      } catch (IllegalArgumentException e) {
        // a provision validated it; an old cluster may carry something else
      }
    }
    return MaintenanceWindow.parse(PLAN_DEFAULTS.getOrDefault(planName, FALLBACK));
  }
}
