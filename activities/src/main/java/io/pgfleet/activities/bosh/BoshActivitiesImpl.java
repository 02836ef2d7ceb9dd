package io.pgfleet.activities.bosh;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.pgfleet.workflows.bosh.DeleteDeploymentRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDiskRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.pgfleet.workflows.bosh.DeployRequest;
import io.pgfleet.workflows.bosh.IgnoreInstanceRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link BoshActivities} over a {@link BoshDirector}. Task-starting methods heartbeat {@link
 * TaskProgress} on every poll and resume rather than resubmit (see {@link ResumableTaskRunner}).
 * Failures carry a {@link io.pgfleet.workflows.FailureType} name as their type.
 */
public final class BoshActivitiesImpl implements BoshActivities {

  /** Task id of the outcome when nothing had to be done (deleting a missing deployment). */
  public static final long NO_TASK = 0;

  private static final Pattern INDEX = Pattern.compile("\\d*");

  private final BoshDirector director;
  private final BoshTaskWaiter waiter;
  private final ResumableTaskRunner runner;

  public BoshActivitiesImpl(BoshDirector director, Duration pollInterval) {
    this.director = director;
    this.waiter = new BoshTaskWaiter(director, pollInterval);
    this.runner = new ResumableTaskRunner(director, waiter);
  }

  @Override
  public BoshTaskOutcome deploy(DeployRequest request) {
    String what = "deploy of " + request.deployment();
    LongSupplier submit =
        () ->
            director.deploy(request.manifestYaml(), request.contextId(), DeployOptions.defaults());
    return call(what, () -> runTask(what, request.deployment(), request.contextId(), submit));
  }

  @Override
  public BoshTaskOutcome deleteDeployment(DeleteDeploymentRequest request) {
    String name = request.deployment();
    String what = "delete of deployment " + name;
    LongSupplier submit =
        () -> director.deleteDeployment(name, request.contextId(), request.force());
    return call(what, () -> deleteIfPresent(what, name, request.contextId(), submit));
  }

  @Override
  public BoshTaskOutcome changeInstanceState(InstanceStateRequest request) {
    String state = request.state().wireName();
    String what =
        "state %s of %s/%s in deployment %s"
            .formatted(state, request.instanceGroup(), request.instance(), request.deployment());
    LongSupplier submit =
        () ->
            director.changeJobState(
                request.deployment(),
                request.instanceGroup(),
                request.instance(),
                state,
                request.contextId());
    return call(what, () -> runTask(what, request.deployment(), request.contextId(), submit));
  }

  @Override
  public List<BoshInstance> vms(String deployment) {
    return call(
        "listing VMs of deployment " + deployment,
        () ->
            director.vms(deployment).stream()
                .map(
                    vm ->
                        new BoshInstance(
                            vm.job(),
                            vm.index() == null ? -1 : vm.index(),
                            vm.id(),
                            vm.ips() == null ? List.of() : vm.ips(),
                            null,
                            vm.cid(),
                            List.of()))
                .toList());
  }

  @Override
  public List<BoshInstance> instances(String deployment) {
    var ctx = Activity.getExecutionContext();
    return call(
        "listing instances of deployment " + deployment,
        () ->
            director
                .instances(
                    deployment, (taskId, offset) -> ctx.heartbeat(new TaskProgress(taskId, offset)))
                .stream()
                .map(BoshActivitiesImpl::toInstance)
                .toList());
  }

  @Override
  public int deleteOrphanedDisks(DeleteOrphanedDisksRequest request) {
    String deployment = request.deployment();
    List<BoshOrphanDisk> orphans =
        call(
            "listing orphaned disks of deployment " + deployment,
            () ->
                director.orphanedDisks().stream()
                    .filter(d -> deployment.equals(d.deploymentName()))
                    .toList());
    var ctx = Activity.getExecutionContext();
    for (BoshOrphanDisk disk : orphans) {
      String cid = disk.diskCid();
      String contextId = request.contextId() + "/" + cid;
      // Submitted afresh, never resumed from the heartbeat: one attempt runs a task per disk and
      // the heartbeat names only the latest, which would pass for every later disk's task. Deleting
      // an orphan twice is harmless (BOSH ends the task done for a cid it no longer knows), and a
      // retried attempt lists only the disks still there.
      call(
          "deleting orphaned disk " + cid + " of deployment " + deployment,
          () ->
              waiter.await(
                  director.deleteOrphanedDisk(cid, contextId),
                  0,
                  (taskId, offset) -> ctx.heartbeat(new TaskProgress(taskId, offset))));
    }
    return orphans.size();
  }

  @Override
  public void deleteOrphanedDisk(DeleteOrphanedDiskRequest request) {
    String cid = request.diskCid();
    var ctx = Activity.getExecutionContext();
    // Submitted afresh on a retry: BOSH ends the task done for a cid it no longer knows, so a
    // second delete is harmless and needs no resumption from the heartbeat.
    call(
        "deleting orphaned disk " + cid,
        () ->
            waiter.await(
                director.deleteOrphanedDisk(cid, request.contextId()),
                0,
                (taskId, offset) -> ctx.heartbeat(new TaskProgress(taskId, offset))));
  }

  @Override
  public BoshTaskOutcome attachDisk(AttachDiskRequest request) {
    String what =
        "attaching disk %s to %s/%s in deployment %s"
            .formatted(
                request.diskCid(),
                request.instanceGroup(),
                request.instanceId(),
                request.deployment());
    if (request.instanceId() == null || INDEX.matcher(request.instanceId()).matches()) {
      // BOSH matches the uuid only: an index would fail the task with "not found" after a wait
      throw BoshFailures.failure(
          FailureType.INVALID_INPUT,
          what + " failed: the instance must be named by its uuid",
          null);
    }
    LongSupplier submit =
        () ->
            director.attachDisk(
                request.deployment(),
                request.instanceGroup(),
                request.instanceId(),
                request.diskCid(),
                request.contextId());
    return call(what, () -> runTask(what, request.deployment(), request.contextId(), submit));
  }

  @Override
  public void ignoreInstance(IgnoreInstanceRequest request) {
    call(
        "%s ignore flag of %s/%s in deployment %s"
            .formatted(
                request.ignore() ? "setting" : "clearing",
                request.instanceGroup(),
                request.instanceId(),
                request.deployment()),
        () -> {
          director.setIgnore(
              request.deployment(),
              request.instanceGroup(),
              request.instanceId(),
              request.ignore());
          return null;
        });
  }

  static BoshInstance toInstance(BoshInstanceDetail detail) {
    List<String> disks =
        detail.diskCids() != null
            ? detail.diskCids()
            : detail.diskCid() == null ? List.of() : List.of(detail.diskCid());
    return new BoshInstance(
        detail.jobName(),
        detail.index() == null ? -1 : detail.index(),
        detail.id(),
        detail.ips() == null ? List.of() : detail.ips(),
        detail.jobState(),
        detail.vmCid(),
        disks);
  }

  private static <T> T call(String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (BoshException e) {
      throw BoshFailures.toFailure(what, e);
    }
  }

  private BoshTaskOutcome runTask(
      String what, String deployment, String contextId, LongSupplier submit) {
    BoshTask task = runner.run(what, deployment, contextId, submit);
    return new BoshTaskOutcome(task.id(), task.state(), task.result());
  }

  private BoshTaskOutcome deleteIfPresent(
      String what, String name, String contextId, LongSupplier submit) {
    try {
      return runTask(what, name, contextId, submit);
    } catch (BoshApiException e) {
      if (e.hasCode(BoshApiException.DEPLOYMENT_NOT_FOUND)) {
        return alreadyDeleted(name);
      }
      throw e;
    } catch (BoshTaskFailedException e) {
      // Another delete won the race between our request and our task.
      Integer code = e.lastErrorCode();
      if (code != null && code == BoshApiException.DEPLOYMENT_NOT_FOUND) {
        return alreadyDeleted(name);
      }
      throw e;
    }
  }

  private static BoshTaskOutcome alreadyDeleted(String deployment) {
    return new BoshTaskOutcome(NO_TASK, "done", "deployment " + deployment + " does not exist");
  }
}
