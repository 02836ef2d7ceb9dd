package io.pgfleet.workflows.bosh;

/**
 * @param contextId stable across retries of the same step (≤ 64 characters), e.g. operation id +
 *     step name; it is how a retry finds the task it already started
 */
public record DeployRequest(String deployment, String manifestYaml, String contextId) {}
