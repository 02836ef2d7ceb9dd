package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.TaskJob;
import io.pgfleet.testenv.cloud.vm.VmManager;
import java.util.function.Function;

/** Turns a persisted {@link JobSpec} into the work the task runner runs. */
public final class JobFactory implements Function<JobSpec, TaskJob> {

  private final StateStore store;
  private final VmManager vms;
  private final InstanceActions actions;
  private final DeploymentConverger converger;

  public JobFactory(StateStore store, VmManager vms) {
    this.store = store;
    this.vms = vms;
    this.actions = new InstanceActions(store, vms);
    this.converger = new DeploymentConverger(store, actions);
  }

  @Override
  public TaskJob apply(JobSpec spec) {
    return switch (spec.type()) {
      case JobSpec.UPDATE_DEPLOYMENT ->
          spec.instanceState() != null
              ? new InstanceStateJob(store, actions, converger, spec)
              : new DeployJob(converger, spec.deployment(), spec.manifest());
      case JobSpec.DELETE_DEPLOYMENT -> new DeleteDeploymentJob(store, actions, spec.deployment());
      case JobSpec.VMS -> new VmStateJob(store, vms, spec.deployment(), spec.includeDetached());
      case JobSpec.DELETE_ORPHAN_DISKS -> new DeleteOrphanDisksJob(store, vms, spec.diskCids());
      case JobSpec.ATTACH_DISK -> new AttachDiskJob(store, vms, actions, spec);
      default -> throw new IllegalArgumentException("Unknown task type " + spec.type());
    };
  }
}
