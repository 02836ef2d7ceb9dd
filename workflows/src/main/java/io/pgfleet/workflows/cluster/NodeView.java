package io.pgfleet.workflows.cluster;

/**
 * @param name BOSH instance name, e.g. postgres/0
 * @param state running, stopped, failing, unknown, as last observed
 */
public record NodeView(String name, NodeRole role, String host, int port, String state) {}
