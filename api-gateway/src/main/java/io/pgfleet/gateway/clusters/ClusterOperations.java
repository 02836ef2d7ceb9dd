package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.FailoverRequest;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import io.pgfleet.workflows.cluster.UnbindRequest;
import io.pgfleet.workflows.operation.OperationView;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway asks of a cluster's workflow. Every command is validated by the workflow before
 * it is accepted; a refusal arrives as a {@link ClusterOperationException} subtype: {@link
 * ConflictException}, {@link ConcurrencyException}, {@link NotFoundException} (also when the
 * cluster has no workflow), {@link InvalidRequestException}; {@link UnavailableException} when the
 * workflow service cannot be reached; {@link OperationFailedException} when an accepted command
 * failed while it ran.
 */
public interface ClusterOperations {

  /** Creates the cluster's workflow if needed and asks it to provision; idempotent per op id. */
  OperationReceipt provision(String clusterId, ProvisionRequest request);

  OperationReceipt deprovision(String clusterId, DeprovisionRequest request);

  /**
   * Asks the cluster to replace its primary (a FailoverWorkflow child with a manual trigger);
   * returns once the workflow accepted it, not when the failover ends. Idempotent per op id.
   */
  OperationReceipt failover(String clusterId, FailoverRequest request);

  /**
   * Asks the cluster for a base backup (a BackupWorkflow child); returns once the workflow accepted
   * it, not when the backup ends. Idempotent per op id.
   */
  OperationReceipt backup(String clusterId, BackupRequest request);

  /**
   * Asks the cluster to replace its data with a backup recovered to a target, in place (a
   * RestoreWorkflow child); returns once the workflow accepted it. Idempotent per op id.
   */
  OperationReceipt restore(String clusterId, RestoreRequest request);

  /**
   * Asks the cluster for a planned change of primary (a SwitchoverWorkflow child); returns once the
   * workflow accepted it. Idempotent per op id.
   */
  OperationReceipt switchover(String clusterId, SwitchoverRequest request);

  /**
   * The cluster's recent backups, oldest first, as its workflow keeps them.
   *
   * @throws NotFoundException when the cluster has no workflow
   */
  List<BackupSummary> backups(String clusterId);

  /** Returns the binding's credentials; a repeated bind of one binding returns the same ones. */
  BindingCredentials bind(String clusterId, String operationId, BindRequest request);

  void unbind(String clusterId, String operationId, UnbindRequest request);

  /** The cluster as its workflow sees it; empty when the cluster has no workflow. */
  Optional<ClusterView> view(String clusterId);

  /**
   * One operation of the cluster, with live steps while it runs; empty when the cluster has no such
   * operation.
   *
   * @throws NotFoundException when the cluster has no workflow
   */
  Optional<OperationView> operation(String clusterId, String operationId);
}
