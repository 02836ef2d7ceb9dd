package io.pgfleet.workflows.failover;

import java.util.List;

/**
 * Why a failover started.
 *
 * @param manual an operator asked (API); confirmation still runs, but a reachable primary is
 *     demoted by fencing rather than refused
 * @param reportedBy the data-plane reporters (e.g. "pgpool/1", "postgres/1") and what they saw
 */
public record FailoverTrigger(boolean manual, List<FailureReport> reportedBy) {

  /** One report: who saw the primary fail, when (epoch ms) and what it said. */
  public record FailureReport(String reporter, long atMillis, String detail) {}
}
