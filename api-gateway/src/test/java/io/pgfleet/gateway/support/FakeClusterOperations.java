package io.pgfleet.gateway.support;

import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.clusters.ConcurrencyException;
import io.pgfleet.gateway.clusters.ConflictException;
import io.pgfleet.gateway.clusters.InvalidRequestException;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.BackupRequest;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.BindRequest;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterPhase;
import io.pgfleet.workflows.cluster.ClusterView;
import io.pgfleet.workflows.cluster.DeprovisionRequest;
import io.pgfleet.workflows.cluster.FailoverRequest;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.NodeView;
import io.pgfleet.workflows.cluster.OperationReceipt;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import io.pgfleet.workflows.cluster.UnbindRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory ClusterOperations that behaves like the cluster workflow's contract. Tests move
 * operations along with {@link #finish} and make the next command fail with {@link #failNext}.
 */
public class FakeClusterOperations implements ClusterOperations {

  private static final long STARTED_AT = 1_700_000_000_000L;

  private final Map<String, Cluster> clusters = new ConcurrentHashMap<>();
  private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

  /** The next command (provision, deprovision, failover, bind or unbind) throws this. */
  public void failNext(RuntimeException failure) {
    nextFailure.set(failure);
  }

  /** Ends a running operation as the workflow would, with its steps finished. */
  public void finish(String clusterId, String operationId, boolean succeed) {
    Cluster cluster = clusters.get(clusterId);
    OperationView op = cluster.operations.get(operationId);
    OperationState state = succeed ? OperationState.SUCCEEDED : OperationState.FAILED;
    String error = succeed ? null : "deploying the BOSH manifest failed";
    cluster.operations.put(
        operationId,
        new OperationView(
            operationId,
            clusterId,
            op.type(),
            state,
            op.type().name().toLowerCase() + (succeed ? " finished" : " failed"),
            STARTED_AT,
            STARTED_AT + 2000,
            List.of(
                new StepView(
                    "render manifest", OperationState.SUCCEEDED, STARTED_AT, STARTED_AT + 10, null),
                new StepView("deploy", state, STARTED_AT + 10, STARTED_AT + 2000, error)),
            error));
    if (op.type() == OperationType.PROVISION) {
      cluster.phase = succeed ? ClusterPhase.READY : ClusterPhase.FAILED;
    } else if (op.type() == OperationType.DEPROVISION) {
      cluster.phase = succeed ? ClusterPhase.DELETED : ClusterPhase.READY;
    } else if (op.type() == OperationType.FAILOVER) {
      cluster.phase = succeed ? ClusterPhase.READY : ClusterPhase.NEEDS_OPERATOR;
    } else if (op.type() == OperationType.RESTORE || op.type() == OperationType.SWITCHOVER) {
      cluster.busy = null;
    } else if (op.type() == OperationType.ROLLING_UPDATE) {
      cluster.busy = null;
      RollingUpdateRequest update = cluster.updates.get(operationId);
      if (succeed && update.planId() != null) {
        cluster.planId = update.planId();
      }
    } else if (op.type() == OperationType.BACKUP) {
      cluster.phase = ClusterPhase.READY;
      cluster.backups.computeIfPresent(
          operationId,
          (id, b) ->
              new BackupSummary(
                  id,
                  id,
                  b.mode(),
                  state,
                  b.requestedAtMillis(),
                  STARTED_AT + 2000,
                  succeed ? "0/5000028" : null,
                  succeed ? "0/5000138" : null,
                  succeed ? STARTED_AT + 100 : null,
                  succeed ? STARTED_AT + 1900 : null,
                  succeed ? 1 : null,
                  error,
                  null));
    }
  }

  /** Forgets a cluster, as if its workflow had been removed after retention. */
  public void forget(String clusterId) {
    clusters.remove(clusterId);
  }

  @Override
  public OperationReceipt provision(String clusterId, ProvisionRequest request) {
    throwIfFailing();
    Cluster cluster = clusters.computeIfAbsent(clusterId, id -> new Cluster(id, request.planId()));
    cluster.phase = ClusterPhase.PROVISIONING;
    cluster.provisions.put(request.operationId(), request);
    cluster.operations.put(
        request.operationId(), running(clusterId, request.operationId(), OperationType.PROVISION));
    return new OperationReceipt(request.operationId(), false);
  }

  @Override
  public OperationReceipt deprovision(String clusterId, DeprovisionRequest request) {
    throwIfFailing();
    Cluster cluster = existing(clusterId);
    if (cluster.phase == ClusterPhase.PROVISIONING
        || cluster.phase == ClusterPhase.DEPROVISIONING) {
      throw new ConcurrencyException("cluster " + clusterId + " is " + cluster.phase);
    }
    cluster.phase = ClusterPhase.DEPROVISIONING;
    cluster.operations.put(
        request.operationId(),
        running(clusterId, request.operationId(), OperationType.DEPROVISION));
    return new OperationReceipt(request.operationId(), false);
  }

  /** As the workflow's validator: READY or NEEDS_OPERATOR, and no other operation running. */
  @Override
  public OperationReceipt failover(String clusterId, FailoverRequest request) {
    throwIfFailing();
    Cluster cluster = existing(clusterId);
    switch (cluster.phase) {
      case READY, NEEDS_OPERATOR -> {}
      case PROVISIONING, DEPROVISIONING, FAILING_OVER ->
          throw new ConcurrencyException("cluster " + clusterId + " is " + cluster.phase);
      default ->
          throw new ConflictException(
              "cluster "
                  + clusterId
                  + " is "
                  + cluster.phase
                  + "; only a ready cluster fails over");
    }
    cluster.phase = ClusterPhase.FAILING_OVER;
    cluster.failovers.put(request.operationId(), request);
    cluster.operations.put(
        request.operationId(), running(clusterId, request.operationId(), OperationType.FAILOVER));
    return new OperationReceipt(request.operationId(), false);
  }

  /** As the workflow's validator: READY only, and no other operation running. */
  @Override
  public OperationReceipt backup(String clusterId, BackupRequest request) {
    throwIfFailing();
    Cluster cluster = existing(clusterId);
    switch (cluster.phase) {
      case READY -> {}
      case PROVISIONING, DEPROVISIONING, FAILING_OVER, BACKING_UP ->
          throw new ConcurrencyException("cluster " + clusterId + " is " + cluster.phase);
      default ->
          throw new ConflictException(
              "cluster "
                  + clusterId
                  + " is "
                  + cluster.phase
                  + "; only a ready cluster is backed up");
    }
    cluster.phase = ClusterPhase.BACKING_UP;
    cluster.backups.put(
        request.operationId(),
        new BackupSummary(
            request.operationId(),
            request.operationId(),
            request.mode(),
            OperationState.IN_PROGRESS,
            STARTED_AT,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    cluster.operations.put(
        request.operationId(), running(clusterId, request.operationId(), OperationType.BACKUP));
    return new OperationReceipt(request.operationId(), false);
  }

  /**
   * As the real contract: READY or NEEDS_OPERATOR and nothing running (the validator also rejects
   * an unknown backup as invalid input, which the gateway checks before it asks).
   */
  @Override
  public OperationReceipt restore(String clusterId, RestoreRequest request) {
    throwIfFailing();
    Cluster cluster = existing(clusterId);
    requireIdle(cluster, ClusterPhase.READY, ClusterPhase.NEEDS_OPERATOR);
    cluster.busy = OperationType.RESTORE;
    cluster.restores.put(request.operationId(), request);
    cluster.operations.put(
        request.operationId(), running(clusterId, request.operationId(), OperationType.RESTORE));
    return new OperationReceipt(request.operationId(), false);
  }

  /** As the real contract: READY and nothing running. */
  @Override
  public OperationReceipt switchover(String clusterId, SwitchoverRequest request) {
    throwIfFailing();
    Cluster cluster = existing(clusterId);
    requireIdle(cluster, ClusterPhase.READY);
    cluster.busy = OperationType.SWITCHOVER;
    cluster.switchovers.put(request.operationId(), request);
    cluster.operations.put(
        request.operationId(), running(clusterId, request.operationId(), OperationType.SWITCHOVER));
    return new OperationReceipt(request.operationId(), false);
  }

  /** As the real contract: READY and nothing running; a plan id must be in the catalog. */
  @Override
  public OperationReceipt rollingUpdate(String clusterId, RollingUpdateRequest request) {
    throwIfFailing();
    Cluster cluster = existing(clusterId);
    if (request.planId() != null && PlanCatalog.plan(request.planId()).isEmpty()) {
      throw new InvalidRequestException("plan " + request.planId() + " is not in the catalog");
    }
    requireIdle(cluster, ClusterPhase.READY);
    cluster.busy = OperationType.ROLLING_UPDATE;
    cluster.updates.put(request.operationId(), request);
    cluster.operations.put(
        request.operationId(),
        running(clusterId, request.operationId(), OperationType.ROLLING_UPDATE));
    return new OperationReceipt(request.operationId(), false);
  }

  public Optional<RollingUpdateRequest> updateRequest(String clusterId, String operationId) {
    return Optional.ofNullable(existing(clusterId).updates.get(operationId));
  }

  private static void requireIdle(Cluster cluster, ClusterPhase... allowed) {
    if (cluster.busy != null) {
      throw new ConcurrencyException("cluster " + cluster.id + " runs a " + cluster.busy);
    }
    switch (cluster.phase) {
      case PROVISIONING, DEPROVISIONING, FAILING_OVER, BACKING_UP ->
          throw new ConcurrencyException("cluster " + cluster.id + " is " + cluster.phase);
      default -> {}
    }
    if (!List.of(allowed).contains(cluster.phase)) {
      throw new ConflictException(
          "cluster " + cluster.id + " is " + cluster.phase + "; only " + List.of(allowed));
    }
  }

  /** Lists a backup the cluster took without the gateway (a scheduled one), or replaces one. */
  public void putBackup(String clusterId, BackupSummary backup) {
    existing(clusterId).backups.put(backup.backupId(), backup);
  }

  /** What the cluster's primary reported about WAL archiving, as the archiveHealth signal does. */
  public void reportArchiving(String clusterId, ArchiveHealth health) {
    existing(clusterId).archiving = health;
  }

  public Optional<RestoreRequest> restoreRequest(String clusterId, String operationId) {
    return Optional.ofNullable(existing(clusterId).restores.get(operationId));
  }

  public Optional<SwitchoverRequest> switchoverRequest(String clusterId, String operationId) {
    return Optional.ofNullable(existing(clusterId).switchovers.get(operationId));
  }

  /** The provision requests the cluster's workflow got, by operation id. */
  public Map<String, ProvisionRequest> provisionRequests(String clusterId) {
    Cluster cluster = clusters.get(clusterId);
    return cluster == null ? Map.of() : Map.copyOf(cluster.provisions);
  }

  /** Whether the cluster's workflow exists (anything was ever accepted for it). */
  public boolean exists(String clusterId) {
    return clusters.containsKey(clusterId);
  }

  @Override
  public List<BackupSummary> backups(String clusterId) {
    return new ArrayList<>(existing(clusterId).backups.values());
  }

  /** The failover request the workflow got with this operation id, if any. */
  public Optional<FailoverRequest> failoverRequest(String clusterId, String operationId) {
    return Optional.ofNullable(existing(clusterId).failovers.get(operationId));
  }

  @Override
  public BindingCredentials bind(String clusterId, String operationId, BindRequest request) {
    throwIfFailing();
    Cluster cluster = existing(clusterId);
    if (cluster.phase != ClusterPhase.READY) {
      throw new ConcurrencyException("cluster " + clusterId + " is " + cluster.phase);
    }
    String password =
        cluster.passwords.computeIfAbsent(request.bindingId(), b -> UUID.randomUUID().toString());
    String user = "app_" + request.bindingId().replace('-', '_');
    List<String> hosts = List.of("127.0.1.3:9999", "127.0.1.4:9999", "127.0.1.5:9999");
    return new BindingCredentials(
        "postgresql://" + user + ":" + password + "@" + String.join(",", hosts) + "/app",
        "jdbc:postgresql://" + String.join(",", hosts) + "/app",
        user,
        password,
        "app",
        hosts);
  }

  @Override
  public void unbind(String clusterId, String operationId, UnbindRequest request) {
    throwIfFailing();
    if (existing(clusterId).passwords.remove(request.bindingId()) == null) {
      throw new NotFoundException("binding " + request.bindingId() + " does not exist");
    }
  }

  @Override
  public Optional<ClusterView> view(String clusterId) {
    Cluster c = clusters.get(clusterId);
    if (c == null) {
      return Optional.empty();
    }
    boolean ready = c.phase == ClusterPhase.READY;
    List<NodeView> nodes =
        ready
            ? List.of(
                new NodeView("postgres/0", NodeRole.PRIMARY, "127.0.1.1", 5432, "running"),
                new NodeView("postgres/1", NodeRole.STANDBY, "127.0.1.2", 5432, "running"),
                new NodeView("pgpool/0", NodeRole.PGPOOL, "127.0.1.3", 9999, "running"))
            : List.of();
    return Optional.of(
        new ClusterView(
            clusterId,
            PlanCatalog.SERVICE_ID,
            c.planId,
            c.phase,
            nodes,
            ready ? List.of("127.0.1.3:9999") : List.of(),
            new ArrayList<>(c.operations.values()),
            new ArrayList<>(c.passwords.keySet()),
            Map.of(),
            c.archiving));
  }

  @Override
  public Optional<OperationView> operation(String clusterId, String operationId) {
    return Optional.ofNullable(existing(clusterId).operations.get(operationId));
  }

  private Cluster existing(String clusterId) {
    Cluster cluster = clusters.get(clusterId);
    if (cluster == null) {
      throw new NotFoundException("cluster " + clusterId + " does not exist");
    }
    return cluster;
  }

  private void throwIfFailing() {
    RuntimeException failure = nextFailure.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
  }

  private static OperationView running(String clusterId, String operationId, OperationType type) {
    return new OperationView(
        operationId,
        clusterId,
        type,
        OperationState.IN_PROGRESS,
        type.name().toLowerCase() + ": deploying the BOSH manifest",
        STARTED_AT,
        null,
        List.of(
            new StepView(
                "render manifest", OperationState.SUCCEEDED, STARTED_AT, STARTED_AT + 10, null),
            new StepView("deploy", OperationState.IN_PROGRESS, STARTED_AT + 10, null, null)),
        null);
  }

  private static final class Cluster {
    final String id;
    volatile String planId;
    volatile ClusterPhase phase = ClusterPhase.NEW;
    final Map<String, OperationView> operations =
        java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, String> passwords = new ConcurrentHashMap<>();
    final Map<String, FailoverRequest> failovers = new ConcurrentHashMap<>();
    final Map<String, RestoreRequest> restores = new ConcurrentHashMap<>();
    final Map<String, SwitchoverRequest> switchovers = new ConcurrentHashMap<>();
    final Map<String, RollingUpdateRequest> updates = new ConcurrentHashMap<>();
    final Map<String, ProvisionRequest> provisions = new ConcurrentHashMap<>();
    volatile OperationType busy;
    volatile ArchiveHealth archiving;
    final Map<String, BackupSummary> backups =
        java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    Cluster(String id, String planId) {
      this.id = id;
      this.planId = planId;
    }
  }
}
