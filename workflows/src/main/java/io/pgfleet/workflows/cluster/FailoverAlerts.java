package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.failover.FailoverResult;
import io.pgfleet.workflows.failover.FailoverTrigger;

/**
 * What operators are told about failovers: each completed failover once (WARNING); the cluster
 * needing an operator once per change (CRITICAL), and its end (RESOLVED) when a later failover
 * succeeds.
 */
final class FailoverAlerts {

  private final ClusterEntity cluster;
  private final Alerts alerts;

  FailoverAlerts(ClusterEntity cluster, Alerts alerts) {
    this.cluster = cluster;
    this.alerts = alerts;
  }

  void failedOver(String operationId, FailoverTrigger trigger, FailoverResult result) {
    String newPrimary = cluster.topology.primary().name();
    String summary =
        trigger.manual()
            ? "cluster %s: primary replaced on request, failed over to %s"
                .formatted(cluster.clusterId, newPrimary)
            : "cluster %s: primary lost, failed over to %s"
                .formatted(cluster.clusterId, newPrimary);
    String reason =
        "RPO estimate %d bytes (the promoted standby's last known lag); %s"
            .formatted(result.rpoBytesEstimate(), result.reason());
    alerts.event(Alerts.FAILOVER, AlertSeverity.WARNING, operationId, summary, reason);
    alerts.condition(
        Alerts.FAILOVER,
        AlertSeverity.RESOLVED,
        operationId,
        "cluster %s: needs no operator any more, %s is primary"
            .formatted(cluster.clusterId, newPrimary),
        result.reason());
  }

  void needsOperator(String operationId, String reason) {
    alerts.condition(
        Alerts.FAILOVER,
        AlertSeverity.CRITICAL,
        operationId,
        "cluster %s needs an operator: failover %s stopped short"
            .formatted(cluster.clusterId, operationId),
        reason);
  }
}
