package io.pgfleet.workflows.host;

import java.util.List;

/** pgpool's view: whether it runs and where it routes. */
public record PgpoolNodeStatus(
    String host, int port, boolean running, List<PgpoolBackendStatus> backends) {}
