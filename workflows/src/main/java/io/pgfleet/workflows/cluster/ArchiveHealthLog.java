package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.alert.AlertSeverity;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import org.slf4j.Logger;

/**
 * Archiving reports of the primary's node agent: the newest is what the cluster shows, and a
 * condition alert follows it (CRITICAL while archiving is unhealthy, RESOLVED once it recovers,
 * each once per change). A report from a node that is not the current primary (an old primary's,
 * delivered late, or a new one's during its failover: agents repeat their state now and then) or
 * older than the one kept changes nothing.
 */
final class ArchiveHealthLog {

  static final String ALERT_SUBJECT = "archiving";

  private final Logger log = Workflow.getLogger(ArchiveHealthLog.class);
  private final ClusterEntity cluster;
  private final Alerts alerts;

  /** Two reports arriving together must not both see "nothing sent yet" and alert twice. */
  private final WorkflowLock alerting = Workflow.newWorkflowLock();

  ArchiveHealthLog(ClusterEntity cluster, Alerts alerts) {
    this.cluster = cluster;
    this.alerts = alerts;
  }

  void record(ArchiveHealth report) {
    String ignored = ignoredBecause(report);
    if (ignored != null) {
      log.info("cluster {}: archiving report ignored: {}", cluster.clusterId, ignored);
      return;
    }
    cluster.archiveHealth = report;
    alerting.lock();
    try {
      alerts.condition(
          ALERT_SUBJECT,
          report.healthy() ? AlertSeverity.RESOLVED : AlertSeverity.CRITICAL,
          report.reporter(),
          report.healthy()
              ? "cluster %s: WAL archiving from %s works again"
                  .formatted(cluster.clusterId, report.reporter())
              : "cluster %s: WAL archiving from %s is failing, point-in-time restore stops at %s"
                  .formatted(
                      cluster.clusterId,
                      report.reporter(),
                      report.lastArchivedWal() == null ? "no WAL" : report.lastArchivedWal()),
          report.healthy() ? "archived up to " + report.lastArchivedWal() : report.problem());
    } finally {
      alerting.unlock();
    }
  }

  private String ignoredBecause(ArchiveHealth report) {
    if (report == null || report.reporter() == null) {
      return "it names no reporter: " + report;
    }
    // While provisioning, the VMs are not known yet: the first primary reports before that.
    if (cluster.topology != null
        && cluster.topology.nodes().stream()
            .noneMatch(n -> n.role() == NodeRole.PRIMARY && n.name().equals(report.reporter()))) {
      return report.reporter() + " is not the cluster's primary";
    }
    ArchiveHealth kept = cluster.archiveHealth;
    if (kept != null
        && kept.reporter().equals(report.reporter())
        && kept.atMillis() > report.atMillis()) {
      return "a newer report of " + report.reporter() + " is kept";
    }
    return null;
  }
}
