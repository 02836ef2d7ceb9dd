package io.pgfleet.workflows.postgres;

/**
 * What the control plane saw when it connected to a node.
 *
 * @param refused true when the connection was actively refused (nothing listens): with a
 *     powered-off VM this is the proof that it cannot take writes; a timeout is not
 * @param writable reachable and not in recovery
 * @param timeline the node's current timeline, 0 when unreachable
 * @param error why it was unreachable, null otherwise
 */
public record NodeProbe(
    String host,
    int port,
    boolean reachable,
    boolean refused,
    boolean writable,
    int timeline,
    String lsn,
    String error) {}
