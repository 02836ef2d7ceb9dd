package io.pgfleet.activities.bosh;

import java.util.List;
import java.util.Optional;

/**
 * The BOSH Director's REST API, one method per resource call. Methods that start a task return its
 * id at once (from the 302 {@code Location}); wait for it with {@link BoshTaskWaiter}. A {@code
 * contextId} is sent as {@code X-Bosh-Context-Id} (hashed when longer than 64 characters) so a
 * retry can find its task with {@link #tasksByContextId}.
 *
 * <p>Errors: {@link BoshApiException} (4xx; {@link BoshAuthException} for 401), {@link
 * BoshUnavailableException} (unreachable, 5xx), {@link BoshProtocolException} (unreadable answer),
 * {@link BoshTaskFailedException} (a waited-for task failed).
 */
public interface BoshDirector {

  /** {@code GET /info}, unauthenticated. */
  BoshInfo info();

  /** {@code POST /deployments} (text/yaml): create or update; the manifest names the deployment. */
  long deploy(String manifestYaml, String contextId, DeployOptions options);

  /** {@code DELETE /deployments/:name}; 404 code 70000 when it does not exist. */
  long deleteDeployment(String name, String contextId, boolean force);

  /**
   * {@code PUT /deployments/:d/jobs/:job/:indexOrId?state=} with an empty text/yaml body.
   *
   * @param state started, stopped, detached, restart or recreate
   */
  long changeJobState(
      String deployment, String job, String indexOrId, String state, String contextId);

  BoshTask task(long id);

  /** Tasks (of every type) started with this context id, newest first; empty for a null id. */
  List<BoshTask> tasksByContextId(String contextId, String deployment);

  /** Complete event-log lines from byte {@code fromByteOffset} on, and where to continue. */
  TaskEvents taskEvents(long id, long fromByteOffset);

  /** The task's result text ({@code output?type=result}). */
  String taskResult(long id);

  /** {@code DELETE /task/:id}: the task moves to cancelling, then cancelled. */
  void cancelTask(long id);

  List<BoshDeployment> deployments();

  /** The deployment's current manifest, or empty when the deployment does not exist. */
  Optional<String> manifest(String name);

  /**
   * Runs the {@code instances?format=full} task (it asks every agent), waits for it, and parses its
   * NDJSON result.
   */
  List<BoshInstanceDetail> instances(String deployment, TaskProgressListener progress);

  default List<BoshInstanceDetail> instances(String deployment) {
    return instances(deployment, TaskProgressListener.NONE);
  }

  /** {@code GET /deployments/:d/vms}: VMs from the Director's database, no agent call. */
  List<BoshVm> vms(String deployment);

  List<BoshLock> locks();

  /** {@code GET /orphan_disks}: disks kept after their deployment or instance went away. */
  List<BoshOrphanDisk> orphanedDisks();

  /** {@code DELETE /orphan_disks/:cid}: deletes the disk and its snapshots (a task). */
  long deleteOrphanedDisk(String diskCid, String contextId);

  /**
   * {@code PUT /disks/:cid/attachments?deployment=&job=&instance_id=&disk_properties=copy}: the
   * disk becomes the instance's persistent disk, its previous one is orphaned (an attach_disk
   * task). The instance must be stopped or detached, and is matched by uuid only; the task fails
   * otherwise. 404 code 70000 when the deployment does not exist.
   */
  long attachDisk(
      String deployment, String job, String instanceId, String diskCid, String contextId);

  /**
   * {@code PUT /deployments/:d/instance_groups/:ig/:id/ignore} (json {@code {"ignore":…}}):
   * answered at once, no task.
   */
  void setIgnore(String deployment, String instanceGroup, String instanceId, boolean ignore);
}
