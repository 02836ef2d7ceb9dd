package io.pgfleet.workflows.host;

/**
 * One pgpool's view of its watchdog cluster ({@code pcp_watchdog_info}).
 *
 * @param enabled false for a pgpool without watchdog (then the other fields say nothing)
 * @param remoteNodes the other pgpools configured
 * @param aliveRemoteNodes the other pgpools it hears from now
 * @param quorumState pgpool's words, e.g. "QUORUM EXIST"; "pgpool not running" when it is down
 * @param leaderHost the elected leader's address, empty while there is none
 */
public record PgpoolWatchdogStatus(
    boolean enabled, int remoteNodes, int aliveRemoteNodes, String quorumState, String leaderHost) {

  public static final String QUORUM_EXISTS = "QUORUM EXIST";

  /** In the cluster: hears every peer, a quorum exists and a leader is elected (or no watchdog). */
  public boolean joined() {
    return !enabled
        || (QUORUM_EXISTS.equals(quorumState)
            && aliveRemoteNodes == remoteNodes
            && leaderHost != null
            && !leaderHost.isEmpty());
  }
}
