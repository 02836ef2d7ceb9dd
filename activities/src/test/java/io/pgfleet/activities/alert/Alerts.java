package io.pgfleet.activities.alert;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertSeverity;

/** Alerts for tests. */
final class Alerts {

  /** 2026-01-02T03:04:05Z */
  static final long AT = 1_767_323_045_000L;

  private Alerts() {}

  static Alert failedOver() {
    return new Alert(
        "failover-op-7",
        "c1",
        "failover",
        AlertSeverity.WARNING,
        "op-7",
        "cluster c1: primary lost, failed over to postgres/1",
        "postgres/0 unreachable from 3 pgpools; postgres/1 promoted (timeline 2, RPO estimate 0 bytes)",
        AT);
  }
}
