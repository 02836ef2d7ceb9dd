package io.pgfleet.workflows.bosh;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * BOSH Director operations. Task-starting methods submit the task and wait for it while
 * heartbeating (task id + event-log offset), so a retried attempt resumes the same task. The
 * request's context id is sent as {@code X-Bosh-Context-Id}: a retry first looks for a task with
 * that id before submitting a new one. A task that ends in error fails the activity with type
 * {@code BOSH_TASK_FAILED} (non-retryable) or {@code BOSH_DEPLOYMENT_LOCKED} (retry later), see
 * {@link io.pgfleet.workflows.FailureType}.
 */
@ActivityInterface
public interface BoshActivities {

  /** Create or update a deployment from a manifest and wait for the task. */
  @ActivityMethod(name = "Bosh.deploy")
  BoshTaskOutcome deploy(DeployRequest request);

  /** Delete a deployment and wait; a deployment that does not exist counts as deleted. */
  @ActivityMethod(name = "Bosh.deleteDeployment")
  BoshTaskOutcome deleteDeployment(DeleteDeploymentRequest request);

  /** Change one instance's state (started, stopped, detached, restart, recreate) and wait. */
  @ActivityMethod(name = "Bosh.changeInstanceState")
  BoshTaskOutcome changeInstanceState(InstanceStateRequest request);

  /** The deployment's instances with addresses and process state (instances?format=full). */
  @ActivityMethod(name = "Bosh.instances")
  List<BoshInstance> instances(String deployment);

  /**
   * Deletes the deployment's orphaned persistent disks (BOSH orphans disks when a deployment is
   * deleted); returns how many were deleted. None left is success.
   */
  /**
   * The deployment's VMs from the Director's database ({@code GET /deployments/:d/vms}), without
   * the agent round trip of {@link #instances}: answers at once even when a VM's agent is dead,
   * which is when fencing needs it. {@code jobState} is null and {@code diskCids} empty in the
   * result.
   */
  @ActivityMethod(name = "Bosh.vms")
  List<BoshInstance> vms(String deployment);

  @ActivityMethod(name = "Bosh.deleteOrphanedDisks")
  int deleteOrphanedDisks(DeleteOrphanedDisksRequest request);

  /**
   * Deletes one orphaned disk ({@code DELETE /orphan_disks/:cid}) and waits for the task, leaving
   * every other orphan alone. A cid BOSH does not know (deleted already) is success, so running it
   * twice leaves the same state.
   */
  @ActivityMethod(name = "Bosh.deleteOrphanedDisk")
  void deleteOrphanedDisk(DeleteOrphanedDiskRequest request);

  /**
   * Makes the disk the instance's persistent disk and waits for the attach_disk task. The instance
   * must be stopped or detached first (else the task fails, code 520003, and nothing changes). The
   * instance's previous disk is orphaned, not deleted: attach it again to undo, or delete it with
   * {@link #deleteOrphanedDisks} once the new disk proved good. Sizes and cloud properties are
   * copied from the previous disk ({@code disk_properties=copy}). Attaching the disk the instance
   * already has is a no-op success, and a retry resumes the task its context id names.
   */
  @ActivityMethod(name = "Bosh.attachDisk")
  BoshTaskOutcome attachDisk(AttachDiskRequest request);

  /**
   * Sets the instance's ignore flag (no task: BOSH answers at once). While ignored, deploys and
   * state changes of other instances leave it alone, so a rolling update can put the new manifest
   * in BOSH's record and then converge one instance at a time. Setting the flag it has is success.
   */
  @ActivityMethod(name = "Bosh.ignoreInstance")
  void ignoreInstance(IgnoreInstanceRequest request);
}
