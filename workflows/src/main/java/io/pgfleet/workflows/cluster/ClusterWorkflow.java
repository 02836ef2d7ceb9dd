package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One long-lived entity workflow per service instance, id {@link #workflowId}. It owns the
 * cluster's state, serializes operations (validators reject what conflicts), runs each operation as
 * a child workflow, answers queries, and continues as new before its history grows large.
 *
 * <p>Gateways start it with Update-with-Start (conflict policy USE_EXISTING) so a provision request
 * and the workflow's creation are one step.
 */
@WorkflowInterface
public interface ClusterWorkflow {

  String TASK_QUEUE = "pgfleet-control";

  static String workflowId(String clusterId) {
    return "cluster/" + clusterId;
  }

  /** Runs until the cluster is deprovisioned. */
  @WorkflowMethod
  void run(ClusterWorkflowInput input);

  @UpdateMethod
  OperationReceipt provision(ProvisionRequest request);

  /** Rejects an unknown plan, a second different provision, or a provision of a deleted cluster. */
  @UpdateValidatorMethod(updateName = "provision")
  void validateProvision(ProvisionRequest request);

  @UpdateMethod
  OperationReceipt deprovision(DeprovisionRequest request);

  /** Rejects while another operation runs (OSB ConcurrencyError) or once deleted. */
  @UpdateValidatorMethod(updateName = "deprovision")
  void validateDeprovision(DeprovisionRequest request);

  /** Creates the binding's role (or returns the existing binding's credentials). */
  @UpdateMethod
  BindingCredentials bind(BindRequest request);

  @UpdateValidatorMethod(updateName = "bind")
  void validateBind(BindRequest request);

  /** Drops the binding's role; an unknown binding is rejected. */
  @UpdateMethod
  void unbind(UnbindRequest request);

  @UpdateValidatorMethod(updateName = "unbind")
  void validateUnbind(UnbindRequest request);

  /**
   * Replaces the primary: runs a FailoverWorkflow child with a manual trigger. Accepted when the
   * cluster is READY or NEEDS_OPERATOR and no other operation runs.
   */
  @UpdateMethod
  OperationReceipt failover(FailoverRequest request);

  @UpdateValidatorMethod(updateName = "failover")
  void validateFailover(FailoverRequest request);

  /**
   * Takes a base backup: runs a BackupWorkflow child (catalog id = operation id). Accepted only
   * when the cluster is READY and no other operation runs.
   */
  @UpdateMethod
  OperationReceipt backup(BackupRequest request);

  @UpdateValidatorMethod(updateName = "backup")
  void validateBackup(BackupRequest request);

  /**
   * Replaces the cluster's data with a backup recovered to a target: runs a RestoreWorkflow child
   * (IN_PLACE). Accepted only when the cluster is READY or NEEDS_OPERATOR and no other operation
   * runs; data-plane failure reports are only recorded while it runs.
   */
  @UpdateMethod
  OperationReceipt restore(RestoreRequest request);

  @UpdateValidatorMethod(updateName = "restore")
  void validateRestore(RestoreRequest request);

  /**
   * Planned change of primary: runs a SwitchoverWorkflow child. Accepted only when the cluster is
   * READY and no other operation runs; failure reports are only recorded while it runs.
   */
  @UpdateMethod
  OperationReceipt switchover(SwitchoverRequest request);

  @UpdateValidatorMethod(updateName = "switchover")
  void validateSwitchover(SwitchoverRequest request);

  /**
   * Applies a new manifest node by node with one switchover: runs a RollingUpdateWorkflow child.
   * With a plan id it is a plan change: the plan must be on the current plan's upgrade paths and
   * not shrink the disk. Accepted only when the cluster is READY and no other operation runs;
   * failure reports are only recorded while it runs.
   */
  @UpdateMethod
  OperationReceipt rollingUpdate(RollingUpdateRequest request);

  @UpdateValidatorMethod(updateName = "rollingUpdate")
  void validateRollingUpdate(RollingUpdateRequest request);

  /** The OSB provision parameter fleet rollouts read the cluster's maintenance window from. */
  String MAINTENANCE_WINDOW_PARAMETER = "maintenance_window";

  /** The cluster's {@code maintenance_window} parameter, or null when it has none. */
  @QueryMethod
  String maintenanceWindow();

  /** Signal name the verification workflow uses to report a verified backup. */
  String BACKUP_VERIFIED_SIGNAL = "backupVerified";

  /** A verification of one of the cluster's backups ended; kept with the backup's summary. */
  @SignalMethod(name = BACKUP_VERIFIED_SIGNAL)
  void backupVerified(BackupVerification verification);

  /** Signal name retention uses to report the backups it removed from the catalog. */
  String BACKUPS_REMOVED_SIGNAL = "backupsRemoved";

  /** Retention removed these backups (snapshots or sets and catalog entries): no longer listed. */
  @SignalMethod(name = BACKUPS_REMOVED_SIGNAL)
  void backupsRemoved(List<String> backupIds);

  /** Signal name the primary's node agent reports WAL archiving with (it holds no stub). */
  String ARCHIVE_HEALTH_SIGNAL = "archiveHealth";

  /**
   * The primary's node agent saw WAL archiving change state (failing, falling behind, or well
   * again): shown in the view, and alerted once per change.
   */
  @SignalMethod(name = ARCHIVE_HEALTH_SIGNAL)
  void archiveHealth(ArchiveHealth report);

  /** Signal name the node agents use (they hold no stub of this interface). */
  String REPORT_FAILURE_SIGNAL = "reportFailure";

  /**
   * A node agent saw the primary fail. Starts a failover (its confirm step decides) unless the
   * suspect is not the primary, the cluster is not READY, or a failover already runs; then the
   * report is only recorded.
   */
  @SignalMethod(name = REPORT_FAILURE_SIGNAL)
  void reportFailure(DataPlaneReport report);

  @QueryMethod
  ClusterView view();

  /** The cluster's VMs and roles (node agents' task queues); null until provisioning found them. */
  @QueryMethod
  Topology topology();

  /** The cluster's recent backups, oldest first (bounded; the catalog keeps all). */
  @QueryMethod
  List<BackupSummary> backups();

  /** One operation of this cluster, or null when it has no such operation. */
  @QueryMethod
  OperationView operation(String operationId);
}
