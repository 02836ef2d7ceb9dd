package io.pgfleet.workflows.backup.schedule;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Optional;

/**
 * Requests to a cluster workflow made on a workflow's behalf: workflow code cannot send Updates, so
 * the control-plane worker, which holds a client, sends them. Run on the control queue.
 */
@ActivityInterface
public interface ClusterRequestActivities {

  /**
   * Sends the {@code backup} Update to {@code cluster/<clusterId>} (Update id = operationId, so a
   * retry finds the same backup) and waits, heartbeating, until the cluster records its outcome. A
   * cluster that refuses (busy, not ready, deleted) or does not exist is SKIPPED, not a failure.
   */
  @ActivityMethod(name = "ClusterRequests.requestBackup")
  RequestedBackup requestBackup(String clusterId, String operationId);

  /**
   * The node agent task queue of the cluster's current primary (the {@code topology} query), where
   * work on the cluster's pgBackRest stanza runs; empty when the cluster does not exist (any more)
   * or has no VMs yet.
   */
  @ActivityMethod(name = "ClusterRequests.primaryTaskQueue")
  Optional<String> primaryTaskQueue(String clusterId);

  /**
   * Signals {@code backupsRemoved} to the cluster, so its backup list stops showing backups
   * retention removed; a cluster that no longer exists has nothing to forget.
   */
  @ActivityMethod(name = "ClusterRequests.forgetBackups")
  void forgetBackups(String clusterId, List<String> backupIds);
}
