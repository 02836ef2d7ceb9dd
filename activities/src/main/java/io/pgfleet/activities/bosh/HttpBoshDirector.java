package io.pgfleet.activities.bosh;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link BoshDirector} over HTTPS (OkHttp). Thread-safe; share one per Director. */
public final class HttpBoshDirector implements BoshDirector {

  /** Listing instances asks each agent; minutes mean the Director is stuck, not busy. */
  static final Duration INSTANCES_MAX_WAIT = Duration.ofMinutes(10);

  private final BoshHttp http;
  private final BoshTaskClient tasks;
  private final BoshDeploymentClient deployments;
  private final BoshDiskClient disks;
  private final BoshTaskWaiter instancesWaiter;

  public HttpBoshDirector(BoshDirectorConfig config) {
    this(config, Clock.systemUTC());
  }

  HttpBoshDirector(BoshDirectorConfig config, Clock clock) {
    this.http = new BoshHttp(config, clock);
    this.tasks = new BoshTaskClient(http);
    this.deployments = new BoshDeploymentClient(http);
    this.disks = new BoshDiskClient(http);
    this.instancesWaiter = new BoshTaskWaiter(this, config.pollInterval(), INSTANCES_MAX_WAIT);
  }

  @Override
  public BoshInfo info() {
    return http.info();
  }

  @Override
  public long deploy(String manifestYaml, String contextId, DeployOptions options) {
    return deployments.deploy(manifestYaml, contextId, options);
  }

  @Override
  public long deleteDeployment(String name, String contextId, boolean force) {
    return deployments.deleteDeployment(name, contextId, force);
  }

  @Override
  public long changeJobState(
      String deployment, String job, String indexOrId, String state, String contextId) {
    return deployments.changeJobState(deployment, job, indexOrId, state, contextId);
  }

  @Override
  public BoshTask task(long id) {
    return tasks.task(id);
  }

  @Override
  public List<BoshTask> tasksByContextId(String contextId, String deployment) {
    return tasks.tasksByContextId(contextId, deployment);
  }

  @Override
  public TaskEvents taskEvents(long id, long fromByteOffset) {
    return tasks.taskEvents(id, fromByteOffset);
  }

  @Override
  public String taskResult(long id) {
    return tasks.taskResult(id);
  }

  @Override
  public void cancelTask(long id) {
    tasks.cancelTask(id);
  }

  @Override
  public List<BoshDeployment> deployments() {
    return deployments.deployments();
  }

  @Override
  public Optional<String> manifest(String name) {
    return deployments.manifest(name);
  }

  @Override
  public List<BoshInstanceDetail> instances(String deployment, TaskProgressListener progress) {
    long taskId = deployments.startInstancesTask(deployment);
    instancesWaiter.await(taskId, 0, progress);
    String what = "instances of deployment " + deployment + " (task " + taskId + ")";
    return BoshJson.readLines(tasks.taskResult(taskId), BoshInstanceDetail.class, what);
  }

  @Override
  public List<BoshVm> vms(String deployment) {
    return deployments.vms(deployment);
  }

  @Override
  public List<BoshLock> locks() {
    return tasks.locks();
  }

  @Override
  public List<BoshOrphanDisk> orphanedDisks() {
    return disks.orphanedDisks();
  }

  @Override
  public long deleteOrphanedDisk(String diskCid, String contextId) {
    return disks.deleteOrphanedDisk(diskCid, contextId);
  }

  @Override
  public long attachDisk(
      String deployment, String job, String instanceId, String diskCid, String contextId) {
    return disks.attachDisk(deployment, job, instanceId, diskCid, contextId);
  }

  @Override
  public void setIgnore(
      String deployment, String instanceGroup, String instanceId, boolean ignore) {
    deployments.setIgnore(deployment, instanceGroup, instanceId, ignore);
  }
}
