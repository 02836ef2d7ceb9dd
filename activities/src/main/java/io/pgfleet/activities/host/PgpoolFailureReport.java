package io.pgfleet.activities.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What pgpool's failover hook ({@link PgpoolFailureHook}) records each time pgpool detaches a
 * backend: one JSON file per event in {@link #directory}, e.g. {@code
 * {"failed_node_id":0,"failed_host":"127.0.1.2","failed_port":5432,"old_primary_node_id":0,
 * "at_millis":1795322123703}}. With a watchdog only its leader runs the hook, after the majority of
 * pgpools agreed. pgpool runs it for every detach, also those the control plane asks for.
 *
 * @param failedNodeId the detached backend's id (= the PostgreSQL node's index)
 * @param oldPrimaryNodeId the backend pgpool took for the primary before, -1 when none
 * @param atMillis when the hook ran (epoch ms, this VM's clock)
 */
public record PgpoolFailureReport(
    int failedNodeId, String failedHost, int failedPort, int oldPrimaryNodeId, long atMillis) {

  /** Report files end so; the hook's temporary files start with a dot and end otherwise. */
  public static final String FILE_SUFFIX = ".json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code <dataDir>/sys/run/failure-reports}: written by pgpool, emptied by the agent. */
  public static Path directory(HostEnvironment env) {
    return new HostLayout(env).runDir().resolve("failure-reports");
  }

  /** Whether the backend that failed was the one pgpool sent writes to. */
  public boolean primaryFailed() {
    return failedNodeId >= 0 && failedNodeId == oldPrimaryNodeId;
  }

  /**
   * @throws IllegalArgumentException when the text is not a report the hook writes
   */
  public static PgpoolFailureReport parse(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a pgpool failure report: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a pgpool failure report: " + json);
    }
    return new PgpoolFailureReport(
        (int) number(node, "failed_node_id"),
        text(node, "failed_host"),
        (int) number(node, "failed_port"),
        (int) number(node, "old_primary_node_id"),
        number(node, "at_millis"));
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong()) {
      throw new IllegalArgumentException("pgpool failure report has no number " + field);
    }
    return value.asLong();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("pgpool failure report has no text " + field);
    }
    return value.asText();
  }
}
