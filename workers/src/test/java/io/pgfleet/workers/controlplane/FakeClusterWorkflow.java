package io.pgfleet.workers.controlplane;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflowInput;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.FailoverRequest;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.cluster.UnbindRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster workflow that only knows backups, steered by its id: {@code busy-*} refuses them as the
 * real one does while failing over, {@code broken-*} lets them fail, {@code odd-*} rejects the
 * request as bad input, {@code deployed-*} has VMs (the others none yet); any other finishes each
 * backup {@link #BACKUP_TIME} after accepting it.
 */
public class FakeClusterWorkflow implements ClusterWorkflow {

  /** Long enough for the requester to poll a few times (no time skipping in these tests). */
  static final Duration BACKUP_TIME = Duration.ofSeconds(1);

  private final List<BackupSummary> backups = new ArrayList<>();

  /** From the workflow id: an Update can be validated before the main method ran. */
  private final String clusterId =
      Workflow.getInfo().getWorkflowId().substring("cluster/".length());

  @Override
  public void run(ClusterWorkflowInput input) {
    while (true) {
      Workflow.await(() -> backups.stream().anyMatch(b -> !b.status().finished()));
      Workflow.sleep(BACKUP_TIME);
      for (int i = 0; i < backups.size(); i++) {
        BackupSummary b = backups.get(i);
        if (!b.status().finished()) {
          boolean broken = clusterId.startsWith("broken-");
          backups.set(
              i,
              summary(
                  b.backupId(),
                  broken ? OperationState.FAILED : OperationState.SUCCEEDED,
                  broken ? "snapshot error" : null));
        }
      }
    }
  }

  @Override
  public void validateBackup(BackupRequest request) {
    if (clusterId.startsWith("busy-")) {
      throw new IllegalStateException("concurrency: cluster " + clusterId + " is failing over");
    }
    if (clusterId.startsWith("odd-")) {
      throw new IllegalArgumentException("operation id " + request.operationId() + " is odd");
    }
  }

  @Override
  public OperationReceipt backup(BackupRequest request) {
    backups.add(summary(request.operationId(), OperationState.IN_PROGRESS, null));
    return new OperationReceipt(request.operationId(), false);
  }

  @Override
  public List<BackupSummary> backups() {
    return List.copyOf(backups);
  }

  private static BackupSummary summary(String id, OperationState state, String error) {
    return new BackupSummary(
        id, id, BackupMode.SNAPSHOT, state, 0, null, null, null, null, null, null, error, null);
  }

  // Everything else is not used by the backup requester.

  @Override
  public OperationReceipt provision(ProvisionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateProvision(ProvisionRequest request) {}

  @Override
  public OperationReceipt deprovision(DeprovisionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateDeprovision(DeprovisionRequest request) {}

  @Override
  public BindingCredentials bind(BindRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateBind(BindRequest request) {}

  @Override
  public void unbind(UnbindRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateUnbind(UnbindRequest request) {}

  @Override
  public OperationReceipt failover(FailoverRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateFailover(FailoverRequest request) {}

  @Override
  public OperationReceipt restore(RestoreRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateRestore(RestoreRequest request) {}

  @Override
  public OperationReceipt switchover(SwitchoverRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateSwitchover(SwitchoverRequest request) {}

  @Override
  public OperationReceipt rollingUpdate(RollingUpdateRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void validateRollingUpdate(RollingUpdateRequest request) {}

  @Override
  public Topology topology() {
    if (!clusterId.startsWith("deployed-")) {
      return null;
    }
    return new Topology(
        "d-" + clusterId,
        List.of(
            new ClusterNode("postgres", 0, "pg-0", "10.0.0.1", NodeRole.STANDBY),
            new ClusterNode("postgres", 1, "pg-1", "10.0.0.2", NodeRole.PRIMARY)));
  }

  @Override
  public String maintenanceWindow() {
    return null;
  }

  @Override
  public void backupVerified(BackupVerification verification) {}

  @Override
  public void backupsRemoved(List<String> backupIds) {}

  @Override
  public void archiveHealth(ArchiveHealth report) {}

  @Override
  public void reportFailure(DataPlaneReport report) {}

  @Override
  public ClusterView view() {
    return null;
  }

  @Override
  public OperationView operation(String operationId) {
    return null;
  }
}
