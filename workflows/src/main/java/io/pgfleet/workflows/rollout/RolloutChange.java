package io.pgfleet.workflows.rollout;

import java.util.Map;

/**
 * What a rollout applies to each cluster: a rolling update of the cluster's deployment.
 *
 * @param description shown in progress and recorded with each cluster's operation
 * @param postgresParameters PostgreSQL settings to set on top of the plan's; empty for none
 * @param recreate whether every VM is recreated even when its manifest part is unchanged (the
 *     bi-weekly stemcell refresh)
 */
public record RolloutChange(
    String description, Map<String, String> postgresParameters, boolean recreate) {}
