package io.pgfleet.activities.host;

import java.util.List;

/**
 * The pgpools of one cluster that must agree, through pgpool's watchdog, before a backend is
 * declared failed. The node agent builds it from its BOSH links; a lone pgpool ({@link #NONE}, or a
 * link listing only itself) runs without a watchdog.
 *
 * @param ownId this pgpool's watchdog id (its {@code pgpool_node_id}): its position in {@code
 *     members}, which is its instance index
 * @param members the address of every pgpool of the cluster in instance-index order, this one's
 *     included
 */
public record PgpoolWatchdog(int ownId, List<String> members) {

  public static final PgpoolWatchdog NONE = new PgpoolWatchdog(0, List.of());

  public PgpoolWatchdog {
    members = members == null ? List.of() : List.copyOf(members);
    if (members.size() > 1 && (ownId < 0 || ownId >= members.size())) {
      throw new IllegalArgumentException(
          "watchdog id " + ownId + " is not a position in the pgpool members " + members);
    }
  }

  /** A watchdog needs someone to agree with. */
  public boolean enabled() {
    return members.size() > 1;
  }
}
