package io.pgfleet.workflows.bosh;

public record DeleteDeploymentRequest(String deployment, String contextId, boolean force) {}
