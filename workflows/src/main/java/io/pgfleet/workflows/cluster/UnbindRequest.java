package io.pgfleet.workflows.cluster;

public record UnbindRequest(String bindingId) {}
