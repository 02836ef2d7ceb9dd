package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.DeleteOrphanedDiskRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the old data back after a failure before the release, in this order: stop what runs on the
 * restored disks and the instances, attach the old disks again, start the instances, start the old
 * primary and then the old standby, attach both backends in every pgpool, and last delete the new
 * volumes. The old disks are never deleted here: when one could not be attached again, the rollback
 * stops there (and deletes nothing), leaving the instances stopped for an operator.
 */
final class RestoreRollback {

  private final RestoreInput input;
  private final RestoreProgress progress;
  private final StepRecorder recorder;
  private final Nodes nodes;
  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, RestorePolicies.BOSH_TASK);
  private final IaasActivities iaas =
      Workflow.newActivityStub(IaasActivities.class, RestorePolicies.QUICK);
  private final List<String> problems = new ArrayList<>();

  RestoreRollback(RestoreInput input, RestoreProgress progress, StepRecorder recorder) {
    this.input = input;
    this.progress = progress;
    this.recorder = recorder;
    this.nodes = new Nodes(input);
  }

  /** Runs the rollback; returns why any part failed (empty: the old data runs again). */
  List<String> run() {
    Topology topology = input.topology();
    if (progress.instancesRestarted) {
      attempt(
          "rollback: stop restored PostgreSQL",
          () -> {
            nodes.postgres(topology.standby()).stop(StopPostgresInput.fast());
            nodes.postgres(topology.primary()).stop(StopPostgresInput.fast());
          });
      if (!attempt(
          "rollback: stop instances",
          () -> nodes.changeState(bosh, InstanceState.STOPPED, "undo"))) {
        return stopped("the instances could not be stopped");
      }
    }
    if (progress.newDisksAttached && !attempt("rollback: attach old disks", this::attachOldDisks)) {
      return stopped("the old disks are not all attached again");
    }
    boolean started =
        !progress.instancesStopped
            || attempt(
                "rollback: start instances",
                () -> nodes.changeState(bosh, InstanceState.STARTED, "restart"));
    if (progress.postgresStopped && started) {
      attempt("rollback: start old primary", () -> nodes.postgres(topology.primary()).start());
      attempt("rollback: start old standby", () -> nodes.postgres(topology.standby()).start());
      attempt("rollback: attach pgpool backends", this::attachBackends);
    }
    if (progress.volumesRequested) {
      attempt("rollback: delete new volumes", this::deleteVolumes);
    }
    return problems;
  }

  /** Every node is tried, so one Director refusal leaves no other node on its restored disk. */
  private void attachOldDisks() {
    TemporalFailure first = null;
    for (NodeDisk disk : progress.disks) {
      ClusterNode node = disk.node();
      try {
        bosh.attachDisk(
            new AttachDiskRequest(
                topologyDeployment(),
                node.instanceGroup(),
                node.instanceId(),
                disk.oldDiskCid(),
                RestoreNaming.context(input.operationId(), "reattach", node)));
      } catch (TemporalFailure failure) {
        first = first == null ? failure : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void attachBackends() {
    List<String> failed = PgpoolRouting.attachBoth(input.topology());
    if (!failed.isEmpty()) {
      problems.add("backends not attached by " + String.join(", ", failed));
    }
  }

  /**
   * The attached ones are BOSH's orphans now (the old disks are back), deleted through BOSH; those
   * never attached only exist at the IaaS. Deleting either again is success.
   */
  private void deleteVolumes() {
    if (progress.newDisksAttached) {
      if (Workflow.getVersion(RestoreWorkflowImpl.RELEASES_OWN_DISKS, Workflow.DEFAULT_VERSION, 1)
          == 1) {
        // only this restore's volumes: another orphan of the deployment is not ours to delete
        for (String volumeId : progress.volumeIds()) {
          bosh.deleteOrphanedDisk(
              new DeleteOrphanedDiskRequest(
                  volumeId, input.operationId() + "/rollback/orphans/" + volumeId));
        }
      } else {
        bosh.deleteOrphanedDisks(
            new DeleteOrphanedDisksRequest(
                topologyDeployment(), input.operationId() + "/rollback/orphans"));
      }
    }
    for (String volumeId : progress.volumeIds()) {
      iaas.deleteVolume(volumeId);
    }
  }

  private boolean attempt(String step, Functions.Proc body) {
    try {
      recorder.step(step, body);
      return true;
    } catch (TemporalFailure failure) {
      problems.add(
          step.substring("rollback: ".length()) + ": " + StepRecorder.rootMessage(failure));
      return false;
    }
  }

  private List<String> stopped(String why) {
    problems.add(
        why
            + "; rollback stopped, nothing deleted: the old disks "
            + progress.disks.stream().map(NodeDisk::oldDiskCid).toList()
            + " are kept for an operator");
    return problems;
  }

  private String topologyDeployment() {
    return input.topology().deployment();
  }
}
