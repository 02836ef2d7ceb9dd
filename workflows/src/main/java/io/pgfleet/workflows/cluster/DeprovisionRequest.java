package io.pgfleet.workflows.cluster;

public record DeprovisionRequest(String operationId) {}
