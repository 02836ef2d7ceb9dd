package io.pgfleet.workflows.postgres;

public record DropBindingRoleInput(
    PostgresEndpoint primary, String database, String ownerRole, String username) {}
