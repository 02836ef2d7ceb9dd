package io.pgfleet.workflows.rollout;

import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.Map;

/**
 * A time-skipping test server running rollouts on the control queue against a {@link FakeFleet}.
 */
final class RolloutTestEnv implements AutoCloseable {

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final FakeFleet fleet = new FakeFleet(env);
  final WorkflowClient client = env.getWorkflowClient();

  RolloutTestEnv() {
    env.registerSearchAttribute("PgRolloutId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("PgRolloutState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("PgRolloutSucceeded", IndexedValueType.INDEXED_VALUE_TYPE_INT);
    env.registerSearchAttribute("PgRolloutFailed", IndexedValueType.INDEXED_VALUE_TYPE_INT);
    var worker = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(FleetRolloutWorkflowImpl.class);
    worker.registerActivitiesImplementations(fleet);
    env.start();
  }

  static FleetRolloutInput input(String id, int canaries, int maxInFlight, double ratio) {
    return new FleetRolloutInput(
        id,
        FleetSelector.all(),
        new RolloutChange("stemcell refresh", Map.of(), true),
        canaries,
        maxInFlight,
        ratio,
        600,
        true,
        null);
  }

  FleetRolloutWorkflow stub(String rolloutId) {
    return client.newWorkflowStub(
        FleetRolloutWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId("rollout/" + rolloutId)
            .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
            .build());
  }

  /** A stub of a running rollout, by its workflow id (follows its runs). */
  FleetRolloutWorkflow existing(String rolloutId) {
    return client.newWorkflowStub(FleetRolloutWorkflow.class, "rollout/" + rolloutId);
  }

  /** Starts the rollout and returns a stub bound to its run. */
  FleetRolloutWorkflow start(FleetRolloutInput input) {
    FleetRolloutWorkflow rollout = stub(input.rolloutId());
    WorkflowClient.start(rollout::rollOut, input);
    return rollout;
  }

  io.temporal.api.common.v1.WorkflowExecution startRun(FleetRolloutInput input) {
    return WorkflowClient.start(stub(input.rolloutId())::rollOut, input);
  }

  RolloutProgress result(FleetRolloutWorkflow rollout) {
    return WorkflowStub.fromTyped(rollout).getResult(RolloutProgress.class);
  }

  /** Lets test-server time pass while the rollout runs (skipping its timers). */
  void sleep(long millis) {
    env.sleep(java.time.Duration.ofMillis(millis));
  }

  @Override
  public void close() {
    env.close();
  }
}
