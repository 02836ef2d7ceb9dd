package io.pgfleet.workflows.cluster;

import java.util.Locale;

/**
 * What a data-plane failure report leads to, decided from the cluster's state alone. Only a fresh
 * report about the current primary of a ready cluster (or one backing up: the backup is cancelled)
 * starts a failover; one arriving while that failover still waits to start joins its trigger;
 * everything else is only logged. So there is never more than one failover, and a report about the
 * old primary after a failover is harmless.
 */
final class FailureReports {

  enum Action {
    /** Queue an automatic failover with this report as its trigger. */
    START,
    /** Add the report to the trigger of the failover queued but not yet started. */
    ADD,
    /** Log it; nothing changes. */
    IGNORE
  }

  /**
   * @param why one sentence for the log
   */
  record Judgement(Action action, String why) {}

  private FailureReports() {}

  static Judgement judge(ClusterEntity c, DataPlaneReport r, boolean failoverPending) {
    if (r == null || r.reporter() == null || r.suspectAddress() == null) {
      return ignore("an incomplete report names no reporter or suspect: " + r);
    }
    String notAboutPrimary = notAboutThePrimary(c, r);
    if (c.phase == ClusterPhase.FAILING_OVER) {
      if (failoverPending && notAboutPrimary == null) {
        return new Judgement(Action.ADD, "joins the failover waiting to start: " + describe(r));
      }
      return ignore("a failover is already running; " + describe(r));
    }
    if (c.phase == ClusterPhase.RESTORING || c.phase == ClusterPhase.SWITCHING_OVER) {
      // The operation stops PostgreSQL on purpose; pgpool cannot tell that from a crash.
      return ignore(
          "cluster "
              + c.clusterId
              + Admission.busy(c)
              + ", which stops nodes on purpose: only recorded; "
              + describe(r));
    }
    // A backup is no reason to keep a failed primary: the failover cancels it.
    if (c.phase != ClusterPhase.READY && c.phase != ClusterPhase.BACKING_UP) {
      return ignore(
          "cluster "
              + c.clusterId
              + " is "
              + c.phase.name().toLowerCase(Locale.ROOT)
              + ", which no report changes; "
              + describe(r));
    }
    if (notAboutPrimary != null) {
      return ignore(notAboutPrimary);
    }
    return new Judgement(Action.START, "the primary is reported failing: " + describe(r));
  }

  /** Null when the report is about the current primary and newer than the last failover. */
  private static String notAboutThePrimary(ClusterEntity c, DataPlaneReport r) {
    if (c.topology == null) {
      return "cluster " + c.clusterId + " has no topology yet; " + describe(r);
    }
    // Not Topology.primary(): a signal handler must not throw, whatever the topology says.
    ClusterNode primary =
        c.topology.nodes().stream()
            .filter(n -> n.role() == NodeRole.PRIMARY)
            .findFirst()
            .orElse(null);
    if (primary == null) {
      return "the topology of cluster " + c.clusterId + " names no primary; " + describe(r);
    }
    if (!primary.address().equals(r.suspectAddress())) {
      return r.suspectAddress()
          + " is not the primary ("
          + primary.name()
          + " at "
          + primary.address()
          + " is); "
          + describe(r);
    }
    if (r.atMillis() < c.lastFailoverEndedAtMillis) {
      return "stamped "
          + r.atMillis()
          + ", before the last failover, switchover or restore ended at "
          + c.lastFailoverEndedAtMillis
          + "; "
          + describe(r);
    }
    return null;
  }

  private static String describe(DataPlaneReport r) {
    return r.reporter()
        + " saw "
        + r.suspectAddress()
        + " fail at "
        + r.atMillis()
        + ": "
        + r.detail();
  }

  private static Judgement ignore(String why) {
    return new Judgement(Action.IGNORE, why);
  }
}
