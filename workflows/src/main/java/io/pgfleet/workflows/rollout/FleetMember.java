package io.pgfleet.workflows.rollout;

/**
 * One cluster of a rollout.
 *
 * @param window when it may be updated; null means any time
 */
public record FleetMember(String clusterId, String planId, MaintenanceWindow window) {}
