package io.pgfleet.workflows.bosh;

/**
 * Marks one instance ignored or not ({@code PUT /deployments/:d/instance_groups/:ig/:id/ignore}). A
 * deploy leaves an ignored instance untouched (BOSH's {@code InstanceGroupUpdater} skips it), and a
 * state change naming it fails (code 140021) until it is unignored.
 *
 * @param instanceId the instance's uuid (an index works too, as for every jobs route)
 */
public record IgnoreInstanceRequest(
    String deployment, String instanceGroup, String instanceId, boolean ignore) {}
