package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.Admission.concurrency;
import static io.pgfleet.workflows.cluster.Admission.conflict;
import static io.pgfleet.workflows.cluster.Admission.notFound;
import static io.pgfleet.workflows.cluster.Admission.rejectReusedId;
import static io.pgfleet.workflows.cluster.Admission.requireId;
import static io.pgfleet.workflows.cluster.Admission.requireProvisioned;

import io.pgfleet.workflows.backup.BackupNaming;
import io.pgfleet.workflows.cluster.Admission.Verdict;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import java.util.Optional;

/**
 * Admission of the planned operations that stop the data plane on purpose (restore, switchover) and
 * of a new cluster's restore source. Like {@link Admission}: read-only, rejections name the
 * category the gateway maps ({@link IllegalArgumentException} for bad input).
 */
final class MaintenanceAdmission {

  private MaintenanceAdmission() {}

  /**
   * An in-place restore: of a ready cluster, or one that needs an operator, when no other operation
   * runs. The target's syntax and a backup the cluster knows as not restorable are refused here;
   * whether the archive reaches the target is the restore workflow's check.
   */
  static Verdict restore(ClusterEntity c, RestoreRequest r) {
    requireBackupId(r.backupId());
    RestoreTargets.check(RestoreTargets.orLatest(r.target()));
    Optional<Verdict> repeat = repeatOf(c, r.operationId(), OperationType.RESTORE);
    if (repeat.isPresent()) {
      return repeat.get();
    }
    switch (c.phase) {
      case READY, NEEDS_OPERATOR -> {
        if (!c.bindingWork.isEmpty()) {
          throw concurrency(
              "cluster " + c.clusterId + " is changing bindings " + c.bindingWork.keySet());
        }
        requireRestorable(c, r.backupId());
        return Verdict.ACCEPT;
      }
      default -> throw refusedWhileBusy(c, "a restore");
    }
  }

  /**
   * A planned switchover: only of a ready cluster (a standby streaming, no other operation
   * running). A repeated operation id answers with the switchover it started.
   */
  static Verdict switchover(ClusterEntity c, SwitchoverRequest r) {
    Optional<Verdict> repeat = repeatOf(c, r.operationId(), OperationType.SWITCHOVER);
    if (repeat.isPresent()) {
      return repeat.get();
    }
    switch (c.phase) {
      case READY -> {
        if (!c.bindingWork.isEmpty()) {
          throw concurrency(
              "cluster " + c.clusterId + " is changing bindings " + c.bindingWork.keySet());
        }
        return Verdict.ACCEPT;
      }
      case NEEDS_OPERATOR ->
          throw conflict(
              "cluster "
                  + c.clusterId
                  + " needs an operator (a failover stopped short); a switchover needs a healthy"
                  + " standby, request a failover instead");
      default -> throw refusedWhileBusy(c, "a switchover");
    }
  }

  /** A new cluster's data from another cluster's backup: a source that can name a backup. */
  static void source(ClusterEntity c, RestoreSource source) {
    String from = source.sourceClusterId();
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("the restore source names no cluster");
    }
    if (from.equals(c.clusterId)) {
      throw new IllegalArgumentException(
          "cluster " + c.clusterId + " cannot be created from its own backups");
    }
    requireBackupId(source.backupId());
    RestoreTargets.check(RestoreTargets.orLatest(source.target()));
  }

  /** The source as the cluster keeps it: no target means the end of the archive. */
  static RestoreSource normalized(RestoreSource source) {
    return source == null
        ? null
        : new RestoreSource(
            source.sourceClusterId(), source.backupId(), RestoreTargets.orLatest(source.target()));
  }

  /**
   * The checks every queued operation shares: an id, a provisioned cluster, the same id answered
   * with the operation it started (empty when the request is new).
   */
  static Optional<Verdict> repeatOf(ClusterEntity c, String operationId, OperationType type) {
    requireId(operationId, "operation id");
    requireProvisioned(c);
    Optional<OperationView> same = c.operations.find(operationId);
    if (same.isPresent() && same.get().type() == type) {
      return Optional.of(new Verdict(operationId));
    }
    rejectReusedId(c, operationId);
    return Optional.empty();
  }

  /** Why a cluster in a phase other than READY or NEEDS_OPERATOR refuses {@code what}. */
  static IllegalStateException refusedWhileBusy(ClusterEntity c, String what) {
    return switch (c.phase) {
      case PROVISIONING -> concurrency("cluster " + c.clusterId + " is being provisioned");
      case DEPROVISIONING -> concurrency("cluster " + c.clusterId + " is being deleted");
      case FAILING_OVER -> concurrency("cluster " + c.clusterId + " is failing over");
      case BACKING_UP ->
          concurrency(
              "cluster " + c.clusterId + " is backing up; request " + what + " when that finished");
      case RESTORING, SWITCHING_OVER -> concurrency("cluster " + c.clusterId + Admission.busy(c));
      case DELETED -> notFound("cluster " + c.clusterId + " has been deleted");
      case FAILED ->
          conflict("cluster " + c.clusterId + " failed to provision and has no data for " + what);
      default -> conflict("cluster " + c.clusterId + " is " + c.phase + ", which refuses " + what);
    };
  }

  /** Null is fine (the restore picks the newest fitting backup); otherwise a usable name. */
  private static void requireBackupId(String backupId) {
    if (backupId != null && !BackupNaming.isSafe(backupId)) {
      throw new IllegalArgumentException(
          "backup id "
              + backupId
              + " is not a backup name: 1-128 letters, digits, '.', '_' or '-'");
    }
  }

  /** A backup this cluster remembers as failed or unfinished can't be restored. */
  private static void requireRestorable(ClusterEntity c, String backupId) {
    if (backupId == null) {
      return;
    }
    c.backups
        .find(backupId)
        .filter(b -> b.status() != OperationState.SUCCEEDED)
        .ifPresent(
            b -> {
              throw new IllegalArgumentException(
                  "backup "
                      + backupId
                      + " of cluster "
                      + c.clusterId
                      + (b.status() == OperationState.FAILED
                          ? " failed and cannot be restored"
                          : " has not completed yet"));
            });
  }
}
