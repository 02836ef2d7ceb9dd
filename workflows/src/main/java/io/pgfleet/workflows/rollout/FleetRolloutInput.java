package io.pgfleet.workflows.rollout;

/**
 * One rollout over the fleet.
 *
 * @param rolloutId the rollout's id (its workflow id is {@code rollout/<rolloutId>})
 * @param canaries how many clusters go first, alone; the rest waits for them and for {@code
 *     canaryHealthWaitSeconds} of health after them
 * @param maxInFlight how many clusters update at once after the canaries
 * @param maxFailureRatio the rollout pauses itself when failed / finished passes this (0.0 to 1.0)
 * @param respectMaintenanceWindows whether a cluster starts only inside its maintenance window
 * @param carry what a previous run handed over when it continued as new; null on the first run
 */
public record FleetRolloutInput(
    String rolloutId,
    FleetSelector selector,
    RolloutChange change,
    int canaries,
    int maxInFlight,
    double maxFailureRatio,
    long canaryHealthWaitSeconds,
    boolean respectMaintenanceWindows,
    RolloutCarry carry) {

  public FleetRolloutInput withCarry(RolloutCarry next) {
    return new FleetRolloutInput(
        rolloutId,
        selector,
        change,
        canaries,
        maxInFlight,
        maxFailureRatio,
        canaryHealthWaitSeconds,
        respectMaintenanceWindows,
        next);
  }
}
