package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.postgres.PostgresEndpoint;

/**
 * @param primary the restored primary of the throw-away cluster
 * @param backupId the backup whose sentinel row must be there
 */
public record RestoreCheckInput(PostgresEndpoint primary, String backupId) {}
