package io.pgfleet.workflows.host;

/**
 * @param waitSeconds how long pg_promote may take before the activity fails (it stays promoting)
 */
public record PromoteInput(int waitSeconds) {}
