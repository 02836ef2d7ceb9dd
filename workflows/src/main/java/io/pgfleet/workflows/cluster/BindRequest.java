package io.pgfleet.workflows.cluster;

/** OSB bind: a database role for one application. */
public record BindRequest(String bindingId) {}
