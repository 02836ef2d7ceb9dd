package io.pgfleet.workflows.rollout;

import java.util.List;

/**
 * A rollout as it stands (query, Update results and the final result).
 *
 * @param inFlight clusters updating now
 * @param waiting clusters not started yet (also those waiting for their maintenance window)
 * @param failures the most recent failures, bounded
 */
public record RolloutProgress(
    String rolloutId,
    RolloutState state,
    String pauseReason,
    boolean canariesDone,
    int total,
    int succeeded,
    int failed,
    List<String> inFlight,
    int waiting,
    List<ClusterRolloutResult> failures) {}
