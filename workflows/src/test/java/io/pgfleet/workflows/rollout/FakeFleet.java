package io.pgfleet.workflows.rollout;

import io.pgfleet.workflows.operation.OperationState;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fleet whose clusters update in {@code updateMillis} of test-server time; some fail, some are
 * busy a few times, some turn unhealthy. Records when each update started and the most clusters the
 * rollout had in flight at once (started, finish not yet seen).
 */
final class FakeFleet implements FleetActivities {

  final List<FleetMember> members = new ArrayList<>();
  final Set<String> failing = new HashSet<>();
  final Set<String> unhealthy = new HashSet<>();
  final Map<String, Integer> busyAnswers = new LinkedHashMap<>();
  final Map<String, Long> startedAt = new LinkedHashMap<>();
  final List<Long> startAttemptsAt = new ArrayList<>();
  long updateMillis = 60_000;
  private final Set<String> finishSeen = new HashSet<>();
  private final TestWorkflowEnvironment env;
  private int mostInFlight;

  FakeFleet(TestWorkflowEnvironment env) {
    this.env = env;
  }

  FakeFleet clusters(int count) {
    for (int i = 1; i <= count; i++) {
      members.add(new FleetMember("c" + i, "small", null));
    }
    return this;
  }

  @Override
  public synchronized List<FleetMember> members(FleetSelector selector) {
    return List.copyOf(members);
  }

  @Override
  public synchronized ClusterUpdateStart startUpdate(ClusterUpdateRequest request) {
    startAttemptsAt.add(env.currentTimeMillis());
    int busy = busyAnswers.getOrDefault(request.clusterId(), 0);
    if (busy > 0) {
      busyAnswers.put(request.clusterId(), busy - 1);
      return ClusterUpdateStart.busy("concurrency: a backup runs");
    }
    startedAt.putIfAbsent(request.clusterId(), env.currentTimeMillis());
    mostInFlight = Math.max(mostInFlight, startedAt.size() - finishSeen.size());
    return ClusterUpdateStart.accept();
  }

  @Override
  public synchronized ClusterOperationStatus operation(String clusterId, String operationId) {
    if (env.currentTimeMillis() - startedAt.get(clusterId) < updateMillis) {
      return new ClusterOperationStatus(OperationState.IN_PROGRESS, null);
    }
    finishSeen.add(clusterId);
    return failing.contains(clusterId)
        ? new ClusterOperationStatus(OperationState.FAILED, "standby did not start")
        : new ClusterOperationStatus(OperationState.SUCCEEDED, null);
  }

  @Override
  public synchronized boolean healthy(String clusterId) {
    return !unhealthy.contains(clusterId);
  }

  synchronized int mostInFlight() {
    return mostInFlight;
  }

  synchronized List<String> startOrder() {
    return List.copyOf(startedAt.keySet());
  }
}
