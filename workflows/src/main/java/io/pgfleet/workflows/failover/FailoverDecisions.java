package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.failover.FailoverTrigger.FailureReport;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.postgres.NodeProbe;
import java.time.Duration;
import java.util.List;

/**
 * The failover's decisions as pure functions of what was seen, each with the sentence that explains
 * it: confirm (a quorum sees the primary down; a crash needs no tolerance wait), choose (the
 * standby, within the lag bound), the fence proof (powered off and not answering) and, after a
 * blip, whether pgpool may route to the primary again. The split-brain rule is {@link SplitBrain}.
 */
public final class FailoverDecisions {

  private FailoverDecisions() {}

  /** At least two pgpools, or one and the control plane, see the primary down. */
  public static Decision confirm(ClusterNode primary, Observation seen) {
    if (quorum(seen)) {
      return Decision.yes(
          "%s is down for a quorum of %s [%s]"
              .formatted(primary.name(), whoSeesDown(seen), seen.describe()));
    }
    return Decision.no(
        "%s is not confirmed down: %s; a quorum is 2 pgpools, or 1 and the control plane [%s]"
            .formatted(primary.name(), shortOfQuorum(seen), seen.describe()));
  }

  /**
   * The fast path of the first look: when a quorum sees the primary down and the control plane's
   * connection to it was refused, nothing listens on its PostgreSQL port: the postmaster is gone (a
   * crash, a kill), not stalled, and waiting does not bring it back, so the tolerance and the
   * second look are skipped. A primary that times out (frozen, partitioned) may be a blip and waits
   * the tolerance. Fencing still has to be proven before anything is promoted.
   */
  public static Decision crashed(ClusterNode primary, Duration tolerance, Observation seen) {
    String name = primary.name();
    if (!quorum(seen)) {
      return Decision.no(
          "%s is not seen crashed: %s [%s]".formatted(name, shortOfQuorum(seen), seen.describe()));
    }
    NodeProbe probe = seen.primary();
    if (probe == null || !probe.refused()) {
      return Decision.no(
          "%s does not refuse connections (control plane: %s), it may be frozen or cut off:"
                  .formatted(name, Observation.describe(probe))
              + " it gets the %s tolerance".formatted(seconds(tolerance)));
    }
    return Decision.yes(
        "%s refuses connections (postmaster gone) for a quorum of %s [%s]; no tolerance wait for a crash"
            .formatted(name, whoSeesDown(seen), seen.describe()));
  }

  /** The second look, a tolerance after the first: only a primary still down is replaced. */
  public static Decision stillDown(ClusterNode primary, Duration tolerance, Observation again) {
    if (quorum(again)) {
      return Decision.yes(
          "%s is still down after the %s tolerance, for a quorum of %s [%s]"
              .formatted(primary.name(), seconds(tolerance), whoSeesDown(again), again.describe()));
    }
    return Decision.no(
        "%s came back within the %s tolerance: %s [%s]"
            .formatted(primary.name(), seconds(tolerance), shortOfQuorum(again), again.describe()));
  }

  /** An operator's request needs no quorum; what was seen is still recorded. */
  public static Decision manual(ClusterNode primary, Observation seen) {
    return Decision.yes(
        "an operator asked to fail over from %s [%s]".formatted(primary.name(), seen.describe()));
  }

  /**
   * How long to wait before the second look: the tolerance counts from the earliest data-plane
   * report, so the time pgpool took to detect and report the failure is not waited twice. A report
   * stamped in the future (clock skew) counts as now, which only waits longer.
   */
  public static Duration remainingTolerance(
      Duration tolerance, long nowMillis, List<FailureReport> reports) {
    if (reports == null || reports.isEmpty()) {
      return tolerance;
    }
    long earliest = reports.stream().mapToLong(FailureReport::atMillis).min().getAsLong();
    long elapsed = Math.max(0, nowMillis - earliest);
    return Duration.ofMillis(Math.max(0, tolerance.toMillis() - elapsed));
  }

  /**
   * The standby, by its own view, only when it runs and is at most {@code maximumLagBytes} behind.
   *
   * @param status null when the standby did not answer; {@code problem} says why
   */
  public static Decision choose(
      ClusterNode standby, PostgresNodeStatus status, String problem, long maximumLagBytes) {
    String name = standby.name();
    if (status == null) {
      return Decision.no(
          "%s did not answer (%s); an operator must decide".formatted(name, problem));
    }
    if (status.role() == PostgresRole.PRIMARY) {
      return Decision.yes(
          "%s is already primary on timeline %d".formatted(name, status.timeline()));
    }
    if (status.role() != PostgresRole.STANDBY) {
      return Decision.no(
          "%s is %s, not a running standby; an operator must decide"
              .formatted(name, status.role()));
    }
    if (status.replayLagBytes() > maximumLagBytes) {
      return Decision.no(
          "%s is %d bytes behind, more than the %d allowed; an operator must decide"
              .formatted(name, status.replayLagBytes(), maximumLagBytes));
    }
    return Decision.yes(
        "%s is %d bytes behind, within the %d allowed"
            .formatted(name, status.replayLagBytes(), maximumLagBytes));
  }

  /**
   * Proof that the old primary cannot take writes: the IaaS reports its VM off and its PostgreSQL
   * port does not answer. Either alone is not enough: a stopped VM with an answering port means the
   * wrong VM was stopped; a silent port on a running VM may be a partition that heals.
   *
   * @param power null when the IaaS did not answer; {@code powerProblem} says why
   * @param probe null when the control plane's probe itself failed
   */
  public static Decision fenceProof(
      ClusterNode node, String vmCid, PowerState power, String powerProblem, NodeProbe probe) {
    String name = node.name();
    String vm = vmCid == null ? "its VM" : vmCid;
    if (power == null) {
      return Decision.no(
          "%s is not proven fenced: the IaaS did not report the power state of %s (%s)"
              .formatted(name, vm, powerProblem));
    }
    if (!power.poweredOff()) {
      return Decision.no(
          "%s is not proven fenced: the IaaS reports %s %s".formatted(name, vm, power.state()));
    }
    if (probe == null) {
      return Decision.no(
          "%s is not proven fenced: %s is %s, but the control plane could not probe its PostgreSQL port"
              .formatted(name, vm, power.state()));
    }
    if (probe.reachable()) {
      return Decision.no(
          "%s is not proven fenced: %s is %s, but its PostgreSQL port %s:%d still answers"
              .formatted(name, vm, power.state(), probe.host(), probe.port()));
    }
    return Decision.yes(
        "%s is fenced: %s is %s and its PostgreSQL port %s"
            .formatted(
                name,
                vm,
                power.state(),
                probe.refused() ? "refuses connections" : "does not answer"));
  }

  /**
   * After a blip, whether the pgpools that detached the primary (pgpool's detach sticks after the
   * backend comes back) may attach it again: only when the control plane reaches it as a writable
   * primary, so clients are never handed a node that is still unreachable or in recovery.
   *
   * @param detachedIn the pgpools whose view shows the primary's backend down
   * @param probe the control plane's probe of the primary at the same look, null without one
   */
  public static Decision restoreRouting(
      ClusterNode primary, List<String> detachedIn, NodeProbe probe) {
    String backend =
        "%s (backend %d)".formatted(primary.name(), FailoverTopology.backendId(primary));
    String pgpools = String.join(", ", detachedIn);
    if (probe == null || !probe.writable()) {
      return Decision.no(
          "%s stays detached in %s: the control plane does not reach it as a writable primary (control plane: %s)"
              .formatted(backend, pgpools, Observation.describe(probe)));
    }
    return Decision.yes(
        "the control plane reaches %s as a writable primary: attaching it again in %s"
            .formatted(backend, pgpools));
  }

  private static boolean quorum(Observation seen) {
    long down = seen.pgpoolsSeeingDown();
    return down >= 2 || (down >= 1 && seen.controlPlaneSeesDown());
  }

  private static String whoSeesDown(Observation seen) {
    long down = seen.pgpoolsSeeingDown();
    return down
        + (down == 1 ? " pgpool" : " pgpools")
        + (seen.controlPlaneSeesDown() ? " and the control plane" : "");
  }

  private static String shortOfQuorum(Observation seen) {
    long down = seen.pgpoolsSeeingDown();
    String pgpools = down == 0 ? "no pgpool sees it down" : "only 1 pgpool sees it down";
    String controlPlane =
        seen.primary() == null
            ? "the control plane has no view"
            : seen.controlPlaneSeesDown()
                ? "the control plane cannot reach it"
                : "the control plane reaches it";
    return pgpools + " and " + controlPlane;
  }

  /** "5 s", or "2500 ms" for a tolerance that is not whole seconds. */
  static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }
}
