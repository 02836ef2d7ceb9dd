package io.pgfleet.gateway.rollouts;

import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.rollout.ClusterOperationStatus;
import io.pgfleet.workflows.rollout.ClusterUpdateRequest;
import io.pgfleet.workflows.rollout.ClusterUpdateStart;
import io.pgfleet.workflows.rollout.FleetActivities;
import io.pgfleet.workflows.rollout.FleetMember;
import io.pgfleet.workflows.rollout.FleetRolloutInput;
import io.pgfleet.workflows.rollout.FleetRolloutWorkflowImpl;
import io.pgfleet.workflows.rollout.FleetSelector;
import io.pgfleet.workflows.rollout.RolloutProgress;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real rollout workflow on an in-process Temporal test server, behind the real {@link
 * TemporalRollouts}; its fleet is three clusters whose updates never finish, so a rollout stays
 * where a test puts it. Records the selectors rollouts asked for.
 */
public final class RolloutTestServer implements Rollouts, AutoCloseable {

  public final List<FleetSelector> selectors = new CopyOnWriteArrayList<>();
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final TemporalRollouts rollouts;

  public RolloutTestServer() {
    for (String name : List.of("PgRolloutId", "PgRolloutState")) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    for (String name : List.of("PgRolloutSucceeded", "PgRolloutFailed")) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_INT);
    }
    var worker = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(FleetRolloutWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SlowFleet());
    env.start();
    rollouts = new TemporalRollouts(env.getWorkflowClient());
  }

  @Override
  public void start(FleetRolloutInput input) {
    rollouts.start(input);
  }

  @Override
  public Optional<RolloutProgress> progress(String rolloutId) {
    return rollouts.progress(rolloutId);
  }

  /** Waits (bounded) until the rollout listed its clusters. */
  public RolloutProgress listed(String rolloutId) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Optional<RolloutProgress> progress = progress(rolloutId);
      if (progress.isPresent() && progress.get().total() > 0) {
        return progress.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("rollout " + rolloutId + " did not list its clusters");
  }

  @Override
  public RolloutProgress pause(String rolloutId, String reason) {
    return rollouts.pause(rolloutId, reason);
  }

  @Override
  public RolloutProgress resume(String rolloutId) {
    return rollouts.resume(rolloutId);
  }

  @Override
  public RolloutProgress abort(String rolloutId, String reason) {
    return rollouts.abort(rolloutId, reason);
  }

  @Override
  public void close() {
    env.close();
  }

  private final class SlowFleet implements FleetActivities {
    @Override
    public List<FleetMember> members(FleetSelector selector) {
      selectors.add(selector);
      return List.of(
          new FleetMember("c1", "small", null),
          new FleetMember("c2", "small", null),
          new FleetMember("c3", "small", null));
    }

    @Override
    public ClusterUpdateStart startUpdate(ClusterUpdateRequest request) {
      return ClusterUpdateStart.accept();
    }

    @Override
    public ClusterOperationStatus operation(String clusterId, String operationId) {
      return new ClusterOperationStatus(OperationState.IN_PROGRESS, null);
    }

    @Override
    public boolean healthy(String clusterId) {
      return true;
    }
  }
}
