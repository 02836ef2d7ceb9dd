package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.operation.OperationType;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster workflow's mutable state: what {@link ClusterState} carries across continue-as-new,
 * plus the binding work in flight in this run (never carried: continue-as-new waits until every
 * handler has finished).
 */
final class ClusterEntity {

  final String clusterId;
  String serviceId;
  String planId;
  Map<String, String> parameters;
  Map<String, String> context;
  ClusterPhase phase;
  Topology topology;
  ClusterSecrets secrets;
  final Map<String, BindingRecord> bindings;
  final OperationLog operations;

  /** Per alert subject, the condition severity operators were last told. */
  final Map<String, AlertSeverity> alertsSent;

  /**
   * Workflow-clock time the last failover, switchover or restore ended; 0 before the first. Reports
   * stamped earlier are about what that operation handled or stopped on purpose.
   */
  long lastFailoverEndedAtMillis;

  /** Recent backups with their outcome. */
  final BackupLog backups;

  /** The backup the cluster is created from (normalized); null for an empty cluster. */
  RestoreSource restoredFrom;

  /**
   * Settings rolling updates applied on top of the plan's: every later manifest (rolling update,
   * plan change) and every node a failover, switchover or restore rebuilds keeps them.
   */
  Map<String, String> postgresOverrides;

  /** WAL archiving as the primary's agent last reported it; null before the first report. */
  ArchiveHealth archiveHealth;

  /** Binding id → BIND or UNBIND while that Update's handler runs its SQL. */
  final Map<String, OperationType> bindingWork = new HashMap<>();

  private ClusterEntity(String clusterId, ClusterState state) {
    this.clusterId = clusterId;
    this.serviceId = state.serviceId();
    this.planId = state.planId();
    this.parameters = orEmpty(state.parameters());
    this.context = orEmpty(state.context());
    this.phase = state.phase() == null ? ClusterPhase.NEW : state.phase();
    this.topology = state.topology();
    this.secrets = state.secrets();
    this.bindings = new LinkedHashMap<>(state.bindings() == null ? Map.of() : state.bindings());
    this.operations = new OperationLog(state.operations(), state.recentOperationIds());
    this.alertsSent =
        new LinkedHashMap<>(state.alertsSent() == null ? Map.of() : state.alertsSent());
    this.lastFailoverEndedAtMillis =
        state.lastFailoverEndedAtMillis() == null ? 0 : state.lastFailoverEndedAtMillis();
    this.backups = new BackupLog(state.backups());
    this.restoredFrom = state.restoredFrom();
    this.postgresOverrides = orEmpty(state.postgresOverrides());
    this.archiveHealth = state.archiveHealth();
  }

  /** What PostgreSQL runs with: the plan's settings and the overrides on top. */
  Map<String, String> postgresParameters() {
    Map<String, String> settings =
        new TreeMap<>(PlanCatalog.plan(planId).orElseThrow().postgresParameters());
    settings.putAll(postgresOverrides);
    return settings;
  }

  static ClusterEntity from(ClusterWorkflowInput input) {
    if (input.state() == null) {
      return new ClusterEntity(
          input.clusterId(),
          new ClusterState(
              input.clusterId(),
              null,
              null,
              null,
              null,
              ClusterPhase.NEW,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null));
    }
    return new ClusterEntity(input.clusterId(), input.state());
  }

  ClusterState snapshot() {
    return new ClusterState(
        clusterId,
        serviceId,
        planId,
        parameters,
        context,
        phase,
        topology,
        secrets,
        new LinkedHashMap<>(bindings),
        operations.views(),
        operations.requestIds(),
        new LinkedHashMap<>(alertsSent),
        lastFailoverEndedAtMillis == 0 ? null : lastFailoverEndedAtMillis,
        backups.views(),
        restoredFrom,
        postgresOverrides.isEmpty() ? null : new TreeMap<>(postgresOverrides),
        archiveHealth);
  }

  /** A copy that tolerates null values: OSB parameters are free-form JSON. */
  static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
