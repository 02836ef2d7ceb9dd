package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.operation.OperationView;
import java.util.List;
import java.util.Map;

/**
 * Everything the cluster workflow carries across continue-as-new. Kept small: recent operations and
 * recent request ids are bounded. Fields are only ever added at the end and may be null: states
 * stored in older histories lack them.
 *
 * @param topology null until provisioning discovered the VMs
 * @param recentOperationIds operation ids already accepted, so a repeated request is recognised
 *     after continue-as-new (Temporal deduplicates Update ids only within one run)
 * @param alertsSent the severity last sent per alert subject for conditions (e.g. "failover" →
 *     CRITICAL while the cluster needs an operator), so a condition alerts once per change; null
 *     means none sent
 * @param lastFailoverEndedAtMillis when the last failover, switchover or restore ended (workflow
 *     clock); failure reports stamped earlier describe what it already handled or stopped on
 *     purpose. Null: none yet
 * @param backups the recent backups, oldest first (bounded); null means none
 * @param restoredFrom the backup the cluster was created from; null for a cluster created empty
 * @param postgresOverrides PostgreSQL settings rolling updates applied on top of the plan's; null
 *     means none
 * @param archiveHealth WAL archiving as the primary's agent last reported it; null: no report yet
 */
public record ClusterState(
    String clusterId,
    String serviceId,
    String planId,
    Map<String, String> parameters,
    Map<String, String> context,
    ClusterPhase phase,
    Topology topology,
    ClusterSecrets secrets,
    Map<String, BindingRecord> bindings,
    List<OperationView> operations,
    List<String> recentOperationIds,
    Map<String, AlertSeverity> alertsSent,
    Long lastFailoverEndedAtMillis,
    List<BackupSummary> backups,
    RestoreSource restoredFrom,
    Map<String, String> postgresOverrides,
    ArchiveHealth archiveHealth) {}
