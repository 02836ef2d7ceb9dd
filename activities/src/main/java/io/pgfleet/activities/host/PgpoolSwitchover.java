package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.RerouteInput;
import java.util.List;
import java.util.function.Predicate;

/**
 * switchPrimary: a planned change of primary, where the caller knows the new primary is promoted
 * and the old one stopped cleanly, so pgpool is told at once with pcp_promote_node instead of
 * waited for: its own primary search after a health-check detach may have run before the promotion
 * and found no primary, and its next round would cost the switchover a second of write gap. No
 * pcp_detach_node: pcp_promote_node marks the other backends down itself and, unlike a detach, runs
 * no failover_command, so a planned switchover reports no failure to the cluster's workflow.
 */
final class PgpoolSwitchover {

  /** pgpool applies a PCP request in its main process; a failover or failback takes ~1 s. */
  static final long SETTLE_WAIT_MILLIS = 15_000;

  /** pgpool's status is a local pcp call; polled often because writes wait for it. */
  private static final long POLL_MILLIS = 20;

  private final HostEnvironment env;
  private final PgpoolStatusReader statusReader;
  private final PcpCommands pcp;

  PgpoolSwitchover(HostEnvironment env, PgpoolStatusReader statusReader, PcpCommands pcp) {
    this.env = env;
    this.statusReader = statusReader;
    this.pcp = pcp;
  }

  PgpoolNodeStatus run(RerouteInput input) {
    if (input == null || input.downBackendIds() == null) {
      throw InputChecks.invalid("switchPrimary needs the new primary and the old one's backend");
    }
    int primary = input.primaryBackendId();
    List<Integer> down = input.downBackendIds();
    if (down.contains(primary)) {
      throw InputChecks.invalid("backend " + primary + " cannot be primary and down at once");
    }
    Predicate<PgpoolNodeStatus> routed = s -> routes(s, primary, down);
    PgpoolNodeStatus status = statusReader.read();
    if (!status.running()) {
      throw HostFailures.of(
          FailureType.HOST_STATE_CONFLICT, "pgpool does not run on " + env.address());
    }
    if (routed.test(status)) {
      return status;
    }
    if (!up(backend(status, primary))) {
      pcp.attach(primary);
    }
    CommandResult promoted = pcp.promote(primary); // fails harmlessly when primary already
    PgpoolNodeStatus settled = await(routed);
    if (!routed.test(settled)) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED,
          "pgpool on %s does not route writes to backend %d alone: %s; pcp_promote_node: %s"
              .formatted(env.address(), primary, settled.backends(), promoted.tail()));
    }
    return settled;
  }

  private PgpoolNodeStatus await(Predicate<PgpoolNodeStatus> done) {
    long deadline = System.currentTimeMillis() + SETTLE_WAIT_MILLIS;
    PgpoolNodeStatus status = statusReader.read();
    while (!done.test(status) && System.currentTimeMillis() < deadline) {
      SwitchoverWriteHold.sleep(POLL_MILLIS);
      status = statusReader.read();
    }
    return status;
  }

  private static boolean routes(PgpoolNodeStatus status, int primary, List<Integer> down) {
    PgpoolBackendStatus p = backend(status, primary);
    return up(p)
        && "primary".equals(p.role())
        && down.stream().noneMatch(id -> up(backend(status, id)));
  }

  private static boolean up(PgpoolBackendStatus backend) {
    return "up".equals(backend.status());
  }

  private static PgpoolBackendStatus backend(PgpoolNodeStatus status, int id) {
    return status.backends().stream()
        .filter(b -> b.id() == id)
        .findFirst()
        .orElseThrow(
            () -> InputChecks.invalid("pgpool has no backend " + id + ": " + status.backends()));
  }
}
