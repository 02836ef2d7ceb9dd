package io.pgfleet.workflows.postgres;

/**
 * @param database created if missing, owned by {@code ownerRole}
 * @param ownerRole NOLOGIN role that owns the application's objects
 */
public record ApplicationDatabaseInput(
    PostgresEndpoint primary, String database, String ownerRole) {}
