package io.pgfleet.workflows.postgres;

import java.util.List;

/**
 * @param names setting names as in postgresql.conf, e.g. work_mem
 */
public record ShowSettingsInput(PostgresEndpoint node, List<String> names) {}
