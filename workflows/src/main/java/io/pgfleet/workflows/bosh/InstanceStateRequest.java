package io.pgfleet.workflows.bosh;

/**
 * @param instance index ("0") or instance uuid
 */
public record InstanceStateRequest(
    String deployment,
    String instanceGroup,
    String instance,
    InstanceState state,
    String contextId) {

  /** The states BOSH accepts on PUT /deployments/:d/jobs/:job/:index_or_id?state=. */
  public enum InstanceState {
    STARTED,
    STOPPED,
    DETACHED,
    RESTART,
    RECREATE;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
