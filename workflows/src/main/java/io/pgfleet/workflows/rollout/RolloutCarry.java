package io.pgfleet.workflows.rollout;

import java.util.List;
import java.util.Map;

/**
 * A rollout's state handed from one run to the next on continue-as-new (only with nothing in
 * flight).
 *
 * @param pending clusters not started yet, in order
 * @param canaryIds the clusters that go first
 * @param canariesDone whether the canary phase is behind
 * @param busyAttempts how often each pending cluster was found busy
 * @param retryAtMillis when a cluster found busy may be asked again
 * @param failures the most recent failures, bounded
 * @param ratioFinished finished clusters counted since the last resume (the failure ratio's base)
 * @param ratioFailed failed clusters counted since the last resume
 */
public record RolloutCarry(
    List<FleetMember> pending,
    List<String> canaryIds,
    int total,
    int succeeded,
    int failed,
    RolloutState state,
    String pauseReason,
    boolean canariesDone,
    Map<String, Integer> busyAttempts,
    Map<String, Long> retryAtMillis,
    List<ClusterRolloutResult> failures,
    int ratioFinished,
    int ratioFailed) {}
