package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.postgres.PostgresEndpoint;

/**
 * @param primary the cluster's primary, where the row is written
 * @param backupId the backup about to start
 */
public record SentinelInput(PostgresEndpoint primary, String backupId) {}
