package io.pgfleet.workflows.bosh;

public record DeleteOrphanedDisksRequest(String deployment, String contextId) {}
