package io.pgfleet.workflows.rollout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A rollout's bookkeeping: who waits, who is in flight, what happened. Plain state the workflow
 * changes deterministically; what a continue-as-new hands over is {@link #carry()}.
 */
final class RolloutBook {

  private final String rolloutId;
  private final Deque<FleetMember> pending;
  private final List<String> canaryIds;
  private final Map<String, String> inFlight = new LinkedHashMap<>();
  private final Map<String, Integer> busyAttempts;
  private final Map<String, Long> retryAtMillis;
  private final List<ClusterRolloutResult> failures;
  private int total;
  private int succeeded;
  private int failed;
  private int ratioFinished;
  private int ratioFailed;
  private boolean canariesDone;
  RolloutState state;
  String pauseReason;

  private RolloutBook(String rolloutId, RolloutCarry carry) {
    this.rolloutId = rolloutId;
    pending = new ArrayDeque<>(carry.pending());
    canaryIds = new ArrayList<>(carry.canaryIds());
    busyAttempts = new LinkedHashMap<>(carry.busyAttempts());
    retryAtMillis = new LinkedHashMap<>(carry.retryAtMillis());
    failures = new ArrayList<>(carry.failures());
    total = carry.total();
    succeeded = carry.succeeded();
    failed = carry.failed();
    ratioFinished = carry.ratioFinished();
    ratioFailed = carry.ratioFailed();
    canariesDone = carry.canariesDone();
    state = carry.state();
    pauseReason = carry.pauseReason();
  }

  /** A first run: the members in order, the first {@code canaries} of them canaries. */
  static RolloutBook start(String rolloutId, List<FleetMember> members, int canaries) {
    List<String> canaryIds =
        members.stream().limit(Math.max(0, canaries)).map(FleetMember::clusterId).toList();
    return new RolloutBook(
        rolloutId,
        new RolloutCarry(
            members,
            canaryIds,
            members.size(),
            0,
            0,
            RolloutState.RUNNING,
            null,
            canaryIds.isEmpty(),
            Map.of(),
            Map.of(),
            List.of(),
            0,
            0));
  }

  static RolloutBook resume(String rolloutId, RolloutCarry carry) {
    return new RolloutBook(rolloutId, carry);
  }

  /**
   * The next cluster allowed to start now, taken out of the queue: in the canary phase only
   * canaries; never one waiting out a busy delay; with windows respected, only inside its window.
   */
  Optional<FleetMember> takeStartable(long now, boolean respectWindows) {
    for (Iterator<FleetMember> it = pending.iterator(); it.hasNext(); ) {
      FleetMember member = it.next();
      if (startable(member, now, respectWindows)) {
        it.remove();
        return Optional.of(member);
      }
    }
    return Optional.empty();
  }

  /** How long until some waiting cluster may start; empty when none waits or one may now. */
  OptionalLong millisUntilStartable(long now, boolean respectWindows) {
    long soonest = Long.MAX_VALUE;
    for (FleetMember member : pending) {
      if (!canariesDone && !canaryIds.contains(member.clusterId())) {
        continue;
      }
      long wait = Math.max(0, retryAtMillis.getOrDefault(member.clusterId(), 0L) - now);
      if (respectWindows && member.window() != null) {
        wait = Math.max(wait, member.window().millisUntilOpen(now + wait));
      }
      soonest = Math.min(soonest, wait);
    }
    return soonest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(soonest);
  }

  private boolean startable(FleetMember member, long now, boolean respectWindows) {
    if (!canariesDone && !canaryIds.contains(member.clusterId())) {
      return false;
    }
    if (retryAtMillis.getOrDefault(member.clusterId(), 0L) > now) {
      return false;
    }
    return !respectWindows || member.window() == null || member.window().isOpen(now);
  }

  void started(FleetMember member, String operationId) {
    inFlight.put(member.clusterId(), operationId);
    retryAtMillis.remove(member.clusterId());
  }

  /** A busy cluster goes back to the end of the queue until it was busy too often. */
  boolean requeueBusy(FleetMember member, long retryAt, int maxAttempts) {
    int attempts = busyAttempts.merge(member.clusterId(), 1, Integer::sum);
    if (attempts >= maxAttempts) {
      return false;
    }
    retryAtMillis.put(member.clusterId(), retryAt);
    pending.addLast(member);
    return true;
  }

  void finished(ClusterRolloutResult result, int failuresKept) {
    inFlight.remove(result.clusterId());
    busyAttempts.remove(result.clusterId());
    ratioFinished++;
    if (result.succeeded()) {
      succeeded++;
      return;
    }
    failed++;
    ratioFailed++;
    failures.add(result);
    if (failures.size() > failuresKept) {
      failures.remove(0);
    }
  }

  /** Whether failed / finished since the last resume passed the threshold over enough clusters. */
  boolean failureRatioPassed(double maxRatio, int minSample) {
    return ratioFinished >= minSample && (double) ratioFailed / ratioFinished > maxRatio;
  }

  void resetRatio() {
    ratioFinished = 0;
    ratioFailed = 0;
  }

  /** Whether every canary finished (none waits, none in flight). */
  boolean canariesFinished() {
    return canaryIds.stream()
        .noneMatch(
            id ->
                inFlight.containsKey(id)
                    || pending.stream().anyMatch(m -> m.clusterId().equals(id)));
  }

  List<ClusterRolloutResult> canaryFailures() {
    return failures.stream().filter(f -> canaryIds.contains(f.clusterId())).toList();
  }

  List<String> canaryIds() {
    return List.copyOf(canaryIds);
  }

  void canariesDone() {
    canariesDone = true;
  }

  boolean inCanaryPhase() {
    return !canariesDone;
  }

  /**
   * Cluster id → operation id, in start order (workflow code iterates it: order must be stable).
   */
  Map<String, String> inFlight() {
    return new LinkedHashMap<>(inFlight);
  }

  List<String> inFlightIds() {
    return List.copyOf(inFlight.keySet());
  }

  int inFlightCount() {
    return inFlight.size();
  }

  boolean nothingLeft() {
    return pending.isEmpty() && inFlight.isEmpty();
  }

  RolloutProgress progress() {
    return new RolloutProgress(
        rolloutId,
        state,
        pauseReason,
        canariesDone,
        total,
        succeeded,
        failed,
        List.copyOf(inFlight.keySet()),
        pending.size(),
        List.copyOf(failures));
  }

  /** Only meaningful with nothing in flight: in-flight clusters are not handed over. */
  RolloutCarry carry() {
    return new RolloutCarry(
        List.copyOf(pending),
        List.copyOf(canaryIds),
        total,
        succeeded,
        failed,
        state,
        pauseReason,
        canariesDone,
        new LinkedHashMap<>(busyAttempts),
        new LinkedHashMap<>(retryAtMillis),
        List.copyOf(failures),
        ratioFinished,
        ratioFailed);
  }
}
