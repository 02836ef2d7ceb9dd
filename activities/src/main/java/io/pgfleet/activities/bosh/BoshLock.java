package io.pgfleet.activities.bosh;

import java.util.List;

/**
 * One entry of {@code GET /locks}, e.g. type "deployment", resource ["pg-1"], held by task {@code
 * taskId} until {@code timeout} (epoch seconds with fraction, as a string).
 */
public record BoshLock(String type, List<String> resource, String timeout, String taskId) {}
