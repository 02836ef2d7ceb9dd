package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import java.util.Set;

/**
 * What one pgpool says about the primary's backend.
 *
 * @param pgpool the pgpool's instance name, e.g. pgpool/1
 * @param backendStatus pgpool's word for the backend (up, waiting, down, unused), null without a
 *     view
 * @param problem why there is no view (no answer, pgpool not running, no such backend), else null
 */
public record PgpoolView(String pgpool, String backendStatus, String problem) {

  /**
   * pgpool's words for a backend it can reach: "waiting" is a healthy backend no client has used
   * since pgpool started, so a freshly restarted pgpool does not vote a primary down.
   */
  static final Set<String> REACHABLE = Set.of("up", "waiting");

  public static PgpoolView of(String pgpool, PgpoolNodeStatus status, int backendId) {
    if (status == null || !status.running()) {
      return noView(pgpool, "pgpool not running");
    }
    return status.backends().stream()
        .filter(b -> b.id() == backendId)
        .findFirst()
        .map(PgpoolBackendStatus::status)
        .map(s -> new PgpoolView(pgpool, s, null))
        .orElseGet(() -> noView(pgpool, "no backend " + backendId));
  }

  public static PgpoolView noView(String pgpool, String problem) {
    return new PgpoolView(pgpool, null, problem);
  }

  public boolean seesDown() {
    return backendStatus != null && !REACHABLE.contains(backendStatus);
  }

  /** E.g. "pgpool/0: down" or "pgpool/2: no view (no answer)". */
  public String describe() {
    return pgpool + ": " + (backendStatus != null ? backendStatus : "no view (" + problem + ")");
  }
}
