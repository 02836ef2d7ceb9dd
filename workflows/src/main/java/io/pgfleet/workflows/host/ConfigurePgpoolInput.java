package io.pgfleet.workflows.host;

import java.util.List;

/**
 * @param backends the PostgreSQL nodes, primary first by convention (pgpool finds the real primary
 *     itself through its streaming-replication check)
 * @param checkUser role pgpool uses for health and streaming-replication checks
 */
public record ConfigurePgpoolInput(
    String clusterId,
    List<PgpoolBackend> backends,
    String checkUser,
    String checkPassword,
    String pcpUser,
    String pcpPassword) {

  @Override
  public String toString() {
    return "ConfigurePgpoolInput[clusterId=" + clusterId + ", backends=" + backends + "]";
  }
}
