package io.pgfleet.activities.alert;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's log, always on: the one channel that needs no configuration, so an alert is never
 * lost without a trace. It does not count as delivery when other channels are configured.
 */
public final class LogChannel implements AlertChannel {

  /** A logger of its own, so log routing can send alerts somewhere else. */
  private static final Logger LOG = LoggerFactory.getLogger("io.pgfleet.alerts");

  @Override
  public String name() {
    return "log";
  }

  @Override
  public void deliver(Alert alert) {
    String format = "ALERT {} {} [cluster {}, {}, operation {}, id {}]: {}";
    Object[] args = {
      alert.severity(),
      alert.summary(),
      alert.clusterId(),
      alert.subject(),
      alert.operationId(),
      alert.id(),
      alert.reason()
    };
    if (alert.severity() == AlertSeverity.CRITICAL) {
      LOG.error(format, args);
    } else if (alert.severity() == AlertSeverity.WARNING) {
      LOG.warn(format, args);
    } else {
      LOG.info(format, args);
    }
  }
}
