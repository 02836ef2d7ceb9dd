package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.OperationView;
import java.util.List;
import java.util.Map;

/**
 * @param topology roles as they are now: swapped once the switchover succeeded
 * @param updated the VMs updated, in order, e.g. ["pgpool/0", …, "postgres/1", "postgres/0"]
 * @param settings per PostgreSQL node (e.g. "postgres/0") the plan's settings as the running server
 *     shows them (SHOW), read at the end; empty when the update did not get that far
 */
public record RollingUpdateResult(
    RollingUpdateOutcome outcome,
    String reason,
    Topology topology,
    List<String> updated,
    Map<String, Map<String, String>> settings,
    OperationView operation) {}
