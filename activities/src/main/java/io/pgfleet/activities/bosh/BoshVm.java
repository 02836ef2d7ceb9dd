package io.pgfleet.activities.bosh;

import java.util.List;

/** One entry of {@code GET /deployments/:d/vms} (no agent call, so no process state). */
public record BoshVm(
    String agentId,
    String cid,
    String job,
    Integer index,
    String id,
    String az,
    List<String> ips,
    String vmCreatedAt,
    Boolean active) {}
