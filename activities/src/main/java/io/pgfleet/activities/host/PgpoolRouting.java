package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.RerouteInput;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where pgpool sends writes, changed through PCP: detach the fenced backends, let pgpool find the
 * promoted one (its primary search runs after every detach), and tell it with pcp_promote_node when
 * it did not. Attaching a rejoined standby is the reverse.
 */
final class PgpoolRouting {

  /**
   * After a detach pgpool searches the backends for the primary once a second; a promoted backend
   * shows up in the next round. One round and a margin: past it, pcp_promote_node is quicker than
   * waiting, and every millisecond here is part of the failover's write gap.
   */
  static final long PRIMARY_SEARCH_WAIT_MILLIS = 1_200;

  /**
   * Without a PCP change of ours pgpool may still be in a search of its own (after its health check
   * detached the old primary); one round of it is worth waiting for.
   */
  static final long SEARCH_START_MILLIS = 1_000;

  /** pgpool applies a PCP request in its main process; a failover or failback takes ~1 s. */
  static final long SETTLE_WAIT_MILLIS = 15_000;

  private static final long POLL_MILLIS = 100;
  private static final String UP = "up";
  private static final String PRIMARY = "primary";

  private final HostEnvironment env;
  private final PgpoolStatusReader statusReader;
  private final PcpCommands pcp;

  PgpoolRouting(HostEnvironment env, PgpoolStatusReader statusReader, PcpCommands pcp) {
    this.env = env;
    this.statusReader = statusReader;
    this.pcp = pcp;
  }

  PgpoolNodeStatus reroute(RerouteInput input) {
    if (input == null) {
      throw InputChecks.invalid("reroute input is missing");
    }
    List<Integer> down = input.downBackendIds() == null ? List.of() : input.downBackendIds();
    int primary = input.primaryBackendId();
    if (down.contains(primary)) {
      throw InputChecks.invalid("backend " + primary + " cannot be primary and down at once");
    }
    PgpoolNodeStatus status = running();
    down.forEach(id -> backend(status, id));
    Predicate<PgpoolNodeStatus> routed = s -> routes(s, primary, down);
    if (routed.test(status)) {
      return status;
    }
    // pgpool searches for the primary after an attach or detach, not on its own
    boolean searching = false;
    if (!isUp(backend(status, primary))) {
      pcp.attach(primary);
      searching = true;
    }
    for (int id : down) {
      if (isUp(backend(status, id))) {
        pcp.detach(id);
        searching = true;
      }
    }
    PgpoolNodeStatus searched =
        await(routed, searching ? PRIMARY_SEARCH_WAIT_MILLIS : SEARCH_START_MILLIS);
    if (routed.test(searched)) {
      return searched;
    }
    CommandResult promoted = null;
    if (!PRIMARY.equals(backend(searched, primary).role())) {
      // fails harmlessly when pgpool found the primary itself in the meantime
      promoted = pcp.promote(primary);
    }
    PgpoolNodeStatus settled = await(routed, SETTLE_WAIT_MILLIS);
    if (!routed.test(settled)) {
      throw failure(
          "pgpool does not route writes to backend "
              + primary
              + " alone: "
              + settled.backends()
              + (promoted == null ? "" : "; pcp_promote_node: " + promoted.tail()));
    }
    return settled;
  }

  PgpoolNodeStatus attach(int backendId) {
    PgpoolNodeStatus status = running();
    if (isUp(backend(status, backendId))) {
      return status;
    }
    CommandResult attached = pcp.attach(backendId);
    Predicate<PgpoolNodeStatus> up = s -> isUp(backend(s, backendId));
    PgpoolNodeStatus settled = await(up, SETTLE_WAIT_MILLIS);
    if (!up.test(settled)) {
      throw failure(
          "backend "
              + backendId
              + " is not up after pcp_attach_node: "
              + settled.backends()
              + "; "
              + attached.tail());
    }
    return settled;
  }

  /** The primary is up and pgpool's primary; every fenced backend is out of routing. */
  private static boolean routes(PgpoolNodeStatus status, int primary, List<Integer> down) {
    PgpoolBackendStatus p = backend(status, primary);
    return isUp(p)
        && PRIMARY.equals(p.role())
        && down.stream().noneMatch(id -> isUp(backend(status, id)));
  }

  private PgpoolNodeStatus running() {
    PgpoolNodeStatus status = statusReader.read();
    if (!status.running()) {
      throw HostFailures.of(
          FailureType.HOST_STATE_CONFLICT, "pgpool does not run on " + env.address());
    }
    return status;
  }

  private PgpoolNodeStatus await(Predicate<PgpoolNodeStatus> done, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    PgpoolNodeStatus status = statusReader.read();
    while (!done.test(status) && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while waiting for pgpool");
      }
      status = statusReader.read();
    }
    return status;
  }

  private static boolean isUp(PgpoolBackendStatus backend) {
    return UP.equals(backend.status());
  }

  private static PgpoolBackendStatus backend(PgpoolNodeStatus status, int id) {
    Optional<PgpoolBackendStatus> found =
        status.backends().stream().filter(b -> b.id() == id).findFirst();
    return found.orElseThrow(
        () -> InputChecks.invalid("pgpool has no backend " + id + ": " + status.backends()));
  }

  private RuntimeException failure(String message) {
    return HostFailures.of(
        FailureType.HOST_COMMAND_FAILED, message + " (pgpool on " + env.address() + ")");
  }
}
