package io.pgfleet.workers.controlplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflowInput;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.rollout.ClusterUpdateRequest;
import io.pgfleet.workflows.rollout.ClusterUpdateStart;
import io.pgfleet.workflows.rollout.FleetMember;
import io.pgfleet.workflows.rollout.FleetSelector;
import io.pgfleet.workflows.rollout.MaintenanceWindow;
import io.pgfleet.workflows.rollout.RolloutChange;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet activities against cluster workflows on an in-process Temporal test server. */
class TemporalFleetActivitiesTest {

  private TestWorkflowEnvironment env;
  private TemporalFleetActivities fleet;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(ClusterWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(UpdatableFakeCluster.class);
    env.start();
    for (String id : List.of("ok-1", "busy-1", "old-1", "broken-1")) {
      ClusterWorkflow cluster =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ClusterWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("cluster/" + id)
                      .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                      .build());
      WorkflowClient.start(cluster::run, new ClusterWorkflowInput(id, null));
    }
    fleet = new TemporalFleetActivities(env.getWorkflowClient());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static ClusterUpdateRequest request(String clusterId, String operationId) {
    return new ClusterUpdateRequest(
        clusterId, operationId, "r-1", new RolloutChange("stemcell", Map.of(), true));
  }

  @Test
  void anAcceptedUpdateIsFollowedToItsOutcomeAndARepeatIsTheSameUpdate() {
    assertThat(fleet.startUpdate(request("ok-1", "op-1"))).isEqualTo(ClusterUpdateStart.accept());
    assertThat(fleet.startUpdate(request("ok-1", "op-1"))).isEqualTo(ClusterUpdateStart.accept());
    assertThat(fleet.operation("ok-1", "op-1").state()).isEqualTo(OperationState.SUCCEEDED);

    fleet.startUpdate(request("broken-1", "op-2"));
    assertThat(fleet.operation("broken-1", "op-2").error()).isEqualTo("standby did not start");
    assertThat(fleet.operation("ok-1", "op-unknown").state()).isEqualTo(OperationState.FAILED);
  }

  @Test
  void refusalsSayWhetherAskingAgainLaterHelps() {
    ClusterUpdateStart busy = fleet.startUpdate(request("busy-1", "op-1"));
    assertThat(busy.busy()).as(busy.toString()).isTrue();
    assertThat(busy.rejection()).isEqualTo("concurrency: cluster busy-1 is backing up");
    ClusterUpdateStart refused = fleet.startUpdate(request("old-1", "op-1"));
    assertThat(refused.accepted() || refused.busy()).isFalse();
    assertThat(refused.rejection()).startsWith("conflict:");
    assertThat(fleet.startUpdate(request("ghost", "op-1")).rejection())
        .isEqualTo("cluster ghost does not exist");
  }

  @Test
  void listedMembersCarryTheirWindowAndHealthAndUnknownClustersAreSkipped() {
    List<FleetMember> members = fleet.members(FleetSelector.list(List.of("ok-1", "ghost")));
    assertThat(members)
        .containsExactly(
            new FleetMember(
                "ok-1",
                io.pgfleet.workflows.catalog.PlanCatalog.SMALL.id(),
                MaintenanceWindow.parse("sat-01:00/2h")));
    assertThat(fleet.healthy("ok-1")).isTrue();
    assertThat(fleet.healthy("ghost")).isFalse();
  }
}
