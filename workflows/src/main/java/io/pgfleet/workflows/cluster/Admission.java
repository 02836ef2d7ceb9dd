package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupNaming;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import java.util.Objects;
import java.util.Optional;

/**
 * Which requests a cluster accepts in its current state. Read-only, so validators can call it; the
 * handlers call it again because two Updates validated in one workflow task see the same state.
 *
 * <p>Rejections are exceptions whose message starts with a word the gateway maps to an OSB status:
 * {@link IllegalArgumentException} for bad input (400/422), otherwise "conflict:" (409),
 * "concurrency:" (422 ConcurrencyError) or "not found:" (404/410).
 */
final class Admission {

  /** ACCEPT: new work; otherwise a repeat, answered with the existing operation or binding. */
  record Verdict(String duplicateOf) {
    static final Verdict ACCEPT = new Verdict(null);

    boolean duplicate() {
      return duplicateOf != null;
    }
  }

  private Admission() {}

  static Verdict provision(ClusterEntity c, ProvisionRequest r) {
    requireId(r.operationId(), "operation id");
    if (!PlanCatalog.SERVICE_ID.equals(r.serviceId())) {
      throw new IllegalArgumentException(
          "unknown service id " + r.serviceId() + "; this broker offers " + PlanCatalog.SERVICE_ID);
    }
    if (PlanCatalog.plan(r.planId()).isEmpty()) {
      throw new IllegalArgumentException(
          "unknown plan id " + r.planId() + " of service " + PlanCatalog.SERVICE_ID);
    }
    if (r.restoreFrom() != null) {
      MaintenanceAdmission.source(c, r.restoreFrom());
    }
    if (c.phase == ClusterPhase.NEW) {
      return Verdict.ACCEPT;
    }
    String provisionId = c.operations.latest(OperationType.PROVISION).orElseThrow().operationId();
    if (provisionId.equals(r.operationId())) {
      return new Verdict(provisionId);
    }
    rejectReusedId(c, r.operationId());
    switch (c.phase) {
      case DEPROVISIONING, DELETED ->
          throw conflict("cluster " + c.clusterId + " is being deleted");
      case FAILED ->
          throw conflict(
              "cluster "
                  + c.clusterId
                  + " failed to provision; deprovision it before provisioning again");
      default -> {
        if (!r.planId().equals(c.planId)) {
          throw conflict(
              "cluster "
                  + c.clusterId
                  + " already exists with plan "
                  + planName(c.planId)
                  + "; the request asks for plan "
                  + planName(r.planId()));
        }
        if (!ClusterEntity.orEmpty(r.parameters()).equals(c.parameters)) {
          throw conflict(
              "cluster " + c.clusterId + " already exists with other parameters than requested");
        }
        if (!Objects.equals(MaintenanceAdmission.normalized(r.restoreFrom()), c.restoredFrom)) {
          throw conflict(
              "cluster " + c.clusterId + " already exists with other data than requested");
        }
        return new Verdict(provisionId);
      }
    }
  }

  static Verdict deprovision(ClusterEntity c, DeprovisionRequest r) {
    requireId(r.operationId(), "operation id");
    requireProvisioned(c);
    Optional<OperationView> last = c.operations.latest(OperationType.DEPROVISION);
    if (last.isPresent() && last.get().operationId().equals(r.operationId())) {
      return new Verdict(r.operationId());
    }
    rejectReusedId(c, r.operationId());
    switch (c.phase) {
      case DEPROVISIONING, DELETED -> {
        return new Verdict(last.orElseThrow().operationId());
      }
      case PROVISIONING ->
          throw concurrency(
              "cluster "
                  + c.clusterId
                  + " is being provisioned; deprovision it when that finished");
      case FAILING_OVER ->
          throw concurrency(
              "cluster " + c.clusterId + " is failing over; deprovision it when that finished");
      case BACKING_UP ->
          throw concurrency(
              "cluster " + c.clusterId + " is backing up; deprovision it when that finished");
      case RESTORING, SWITCHING_OVER ->
          throw concurrency(
              "cluster " + c.clusterId + busy(c) + "; deprovision it when that finished");
      default -> {
        if (!c.bindingWork.isEmpty()) {
          throw concurrency(
              "cluster " + c.clusterId + " is changing bindings " + c.bindingWork.keySet());
        }
        return Verdict.ACCEPT;
      }
    }
  }

  static Verdict bind(ClusterEntity c, BindRequest r) {
    requireId(r.bindingId(), "binding id");
    requireUsable(c);
    if (c.bindingWork.get(r.bindingId()) == OperationType.UNBIND) {
      throw concurrency("binding " + r.bindingId() + " is being removed");
    }
    return c.bindings.containsKey(r.bindingId()) ? new Verdict(r.bindingId()) : Verdict.ACCEPT;
  }

  static Verdict unbind(ClusterEntity c, UnbindRequest r) {
    requireId(r.bindingId(), "binding id");
    OperationType work = c.bindingWork.get(r.bindingId());
    if (work == OperationType.BIND) {
      throw concurrency("binding " + r.bindingId() + " is being created");
    }
    if (work == null && !c.bindings.containsKey(r.bindingId())) {
      throw notFound("binding " + r.bindingId() + " of cluster " + c.clusterId);
    }
    requireUsable(c);
    return work == OperationType.UNBIND ? new Verdict(r.bindingId()) : Verdict.ACCEPT;
  }

  /**
   * An operator's failover: on a ready cluster, or one that needs an operator, when no other
   * operation runs. A repeated operation id answers with the failover it started.
   */
  static Verdict failover(ClusterEntity c, FailoverRequest r) {
    requireId(r.operationId(), "operation id");
    requireProvisioned(c);
    Optional<OperationView> same = c.operations.find(r.operationId());
    if (same.isPresent() && same.get().type() == OperationType.FAILOVER) {
      return new Verdict(r.operationId());
    }
    rejectReusedId(c, r.operationId());
    switch (c.phase) {
      case PROVISIONING -> throw concurrency("cluster " + c.clusterId + " is being provisioned");
      case DEPROVISIONING -> throw concurrency("cluster " + c.clusterId + " is being deleted");
      case FAILING_OVER -> throw concurrency("cluster " + c.clusterId + " is already failing over");
      case BACKING_UP ->
          throw concurrency(
              "cluster " + c.clusterId + " is backing up; request the failover when that finished");
      case RESTORING, SWITCHING_OVER -> throw concurrency("cluster " + c.clusterId + busy(c));
      case DELETED -> throw notFound("cluster " + c.clusterId + " has been deleted");
      case FAILED ->
          throw conflict(
              "cluster " + c.clusterId + " failed to provision and has no primary to replace");
      default -> {
        if (!c.bindingWork.isEmpty()) {
          throw concurrency(
              "cluster " + c.clusterId + " is changing bindings " + c.bindingWork.keySet());
        }
        return Verdict.ACCEPT;
      }
    }
  }

  /**
   * A base backup: only of a ready cluster (one primary, no other operation running). A repeated
   * operation id answers with the backup it started.
   */
  static Verdict backup(ClusterEntity c, BackupRequest r) {
    requireId(r.operationId(), "operation id");
    if (!BackupNaming.isSafe(r.operationId())) {
      throw new IllegalArgumentException(
          "operation id "
              + r.operationId()
              + " cannot name a backup: 1-128 letters, digits, '.', '_' or '-'");
    }
    requireProvisioned(c);
    Optional<OperationView> same = c.operations.find(r.operationId());
    if (same.isPresent() && same.get().type() == OperationType.BACKUP) {
      return new Verdict(r.operationId());
    }
    rejectReusedId(c, r.operationId());
    switch (c.phase) {
      case PROVISIONING -> throw concurrency("cluster " + c.clusterId + " is being provisioned");
      case DEPROVISIONING -> throw concurrency("cluster " + c.clusterId + " is being deleted");
      case FAILING_OVER -> throw concurrency("cluster " + c.clusterId + " is failing over");
      case BACKING_UP -> throw concurrency("cluster " + c.clusterId + " is already backing up");
      case RESTORING, SWITCHING_OVER -> throw concurrency("cluster " + c.clusterId + busy(c));
      case DELETED -> throw notFound("cluster " + c.clusterId + " has been deleted");
      case FAILED ->
          throw conflict(
              "cluster " + c.clusterId + " failed to provision and has no data to back up");
      case NEEDS_OPERATOR ->
          throw conflict(
              "cluster "
                  + c.clusterId
                  + " needs an operator (a failover stopped short); backups wait until it is"
                  + " ready again");
      default -> {
        return Verdict.ACCEPT;
      }
    }
  }

  /** " is restoring a backup", " is switching over": what the phase is busy with. */
  static String busy(ClusterEntity c) {
    return c.phase == ClusterPhase.RESTORING ? " is restoring a backup" : " is switching over";
  }

  /** Bindings change only on a ready cluster that no other operation is changing. */
  private static void requireUsable(ClusterEntity c) {
    requireProvisioned(c);
    switch (c.phase) {
      case PROVISIONING -> throw concurrency("cluster " + c.clusterId + " is being provisioned");
      case DEPROVISIONING -> throw concurrency("cluster " + c.clusterId + " is being deleted");
      case FAILING_OVER -> throw concurrency("cluster " + c.clusterId + " is failing over");
      case RESTORING, SWITCHING_OVER -> throw concurrency("cluster " + c.clusterId + busy(c));
      case NEEDS_OPERATOR ->
          throw conflict(
              "cluster "
                  + c.clusterId
                  + " needs an operator (a failover stopped short); bindings wait until it is"
                  + " ready again");
      case DELETED -> throw notFound("cluster " + c.clusterId + " has been deleted");
      case FAILED ->
          throw conflict("cluster " + c.clusterId + " failed to provision and cannot be bound");
      default -> {}
    }
  }

  static void requireProvisioned(ClusterEntity c) {
    if (c.phase == ClusterPhase.NEW) {
      throw notFound("cluster " + c.clusterId + " has not been provisioned");
    }
  }

  /** An operation id names one request; reusing it for different work is a gateway bug. */
  static void rejectReusedId(ClusterEntity c, String operationId) {
    if (c.operations.seen(operationId)) {
      throw conflict("operation id " + operationId + " was already used for another request");
    }
  }

  static void requireId(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
  }

  private static String planName(String planId) {
    return PlanCatalog.plan(planId).map(p -> p.name()).orElse(planId);
  }

  static IllegalStateException conflict(String detail) {
    return new IllegalStateException("conflict: " + detail);
  }

  static IllegalStateException concurrency(String detail) {
    return new IllegalStateException("concurrency: " + detail);
  }

  static IllegalStateException notFound(String detail) {
    return new IllegalStateException("not found: " + detail);
  }
}
