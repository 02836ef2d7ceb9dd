package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertActivities;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The cluster's alerts, best effort: a delivery that fails after its bounded retries is logged and
 * never fails the cluster workflow. Events (a completed failover) go out once each; conditions (the
 * cluster needs an operator) once per change of state, remembered per subject in the entity and so
 * across continue-as-new. Alert ids derive from cluster, subject, operation and severity, so a
 * repeated delivery is recognisable as the same alert.
 */
final class Alerts {

  static final String FAILOVER = "failover";

  private final Logger log = Workflow.getLogger(Alerts.class);
  private final ClusterEntity cluster;
  private final AlertActivities port =
      Workflow.newActivityStub(
          AlertActivities.class,
          ActivityOptions.newBuilder(ActivityPolicies.ALERT)
              .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
              .build());

  Alerts(ClusterEntity cluster) {
    this.cluster = cluster;
  }

  /** Something that happened once, e.g. a completed failover. */
  void event(
      String subject, AlertSeverity severity, String operationId, String summary, String reason) {
    send(subject, severity, operationId, summary, reason);
  }

  /**
   * A state the subject is in now. Sent only when it differs from what operators were last told;
   * RESOLVED only after a condition was raised. A condition whose delivery failed is not
   * remembered, so its next occurrence tries again.
   */
  void condition(
      String subject, AlertSeverity severity, String operationId, String summary, String reason) {
    AlertSeverity last = cluster.alertsSent.get(subject);
    boolean unchanged = severity == last;
    boolean nothingToResolve =
        severity == AlertSeverity.RESOLVED && (last == null || last == AlertSeverity.RESOLVED);
    if (unchanged || nothingToResolve) {
      log.info(
          "cluster {}: no {} alert, operators were last told {}: {}",
          cluster.clusterId,
          subject,
          last == null ? "nothing" : last,
          summary);
      return;
    }
    if (send(subject, severity, operationId, summary, reason)) {
      cluster.alertsSent.put(subject, severity);
    }
  }

  private boolean send(
      String subject, AlertSeverity severity, String operationId, String summary, String reason) {
    Alert alert =
        new Alert(
            String.join("/", cluster.clusterId, subject, operationId, severity.name()),
            cluster.clusterId,
            subject,
            severity,
            operationId,
            summary,
            reason,
            Workflow.currentTimeMillis());
    try {
      port.send(alert);
      return true;
    } catch (ActivityFailure failure) {
      log.warn(
          "alert {} not delivered: {} ({})",
          alert.id(),
          StepRecorder.rootMessage(failure),
          summary);
      return false;
    }
  }
}
