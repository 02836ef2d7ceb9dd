package io.pgfleet.testenv.restore;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

public class SetupClusterWorkflowImpl implements SetupClusterWorkflow {

  @Override
  public void setUp(Input in) {
    Topology topology = in.topology();
    PostgresHostActivities primary = host(topology, topology.primary());
    PostgresHostActivities standby = host(topology, topology.standby());
    primary.bootstrapPrimary(
        new BootstrapPrimaryInput(
            in.clusterId(), in.credentials(), Map.of(), in.standby().replicaHosts()));
    ConfigureArchivingInput archiving = ConfigureArchivingInput.async(in.archive());
    primary.configureArchiving(archiving);
    standby.configureArchiving(archiving);
    standby.buildStandby(in.standby());
  }

  private static PostgresHostActivities host(Topology topology, ClusterNode node) {
    return Workflow.newActivityStub(
        PostgresHostActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(topology.taskQueue(node))
            .setScheduleToStartTimeout(Duration.ofSeconds(30))
            .setStartToCloseTimeout(Duration.ofMinutes(3))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
            .build());
  }
}
