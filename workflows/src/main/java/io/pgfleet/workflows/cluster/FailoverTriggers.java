package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.failover.FailoverTrigger;
import io.pgfleet.workflows.failover.FailoverTrigger.FailureReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The trigger of the failover that is queued but not yet started: reports arriving meanwhile join
 * it, so the child sees every reporter. Lives in one run only: a run continues as new only with an
 * empty queue.
 */
final class FailoverTriggers {

  /** Three pgpools and the standby report; more are repeats that add nothing. */
  static final int MAX_REPORTS = 10;

  private String operationId;
  private boolean manual;
  private final List<FailureReport> reports = new ArrayList<>();

  boolean pending() {
    return operationId != null;
  }

  void manual(String operationId, FailoverRequest request, long nowMillis) {
    String who = request.requestedBy() == null ? "an operator" : request.requestedBy();
    String why = request.reason() == null ? "no reason given" : request.reason();
    start(operationId, true);
    reports.add(
        new FailureReport(who, nowMillis, "manual failover requested by " + who + ": " + why));
  }

  void automatic(String operationId, DataPlaneReport first) {
    start(operationId, false);
    add(first);
  }

  void add(DataPlaneReport report) {
    if (reports.size() < MAX_REPORTS) {
      reports.add(new FailureReport(report.reporter(), report.atMillis(), report.detail()));
    }
  }

  /**
   * The trigger of that operation, handed to its child once; no longer pending afterwards. Every
   * queued failover has one; should one ever be missing, the failover still runs (its confirm step
   * decides) as an automatic one without reports rather than stalling the cluster.
   */
  FailoverTrigger take(String operationId) {
    if (!operationId.equals(this.operationId)) {
      return new FailoverTrigger(false, List.of());
    }
    FailoverTrigger trigger = new FailoverTrigger(manual, List.copyOf(reports));
    this.operationId = null;
    reports.clear();
    return trigger;
  }

  private void start(String operationId, boolean manual) {
    this.operationId = operationId;
    this.manual = manual;
    reports.clear();
  }
}
