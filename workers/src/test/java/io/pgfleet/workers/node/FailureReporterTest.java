package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.host.PgpoolFailureReport;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which VMs report, to which workflow, and that a report file travels end to end. */
class FailureReporterTest {

  /** A few poll rounds of 200 ms. */
  private static final long DELIVERY_WAIT_MILLIS = 5_000;

  @TempDir Path dir;

  private final FakeFailureSignals signals = new FakeFailureSignals();

  @Test
  void theClusterIdComesFromTheJobsPgfleetProperties() {
    assertThat(
            FailureReporter.clusterId(
                config("pgpool", Map.of("pgfleet", Map.of("cluster_id", "c1")))))
        .contains("c1");
    assertThat(FailureReporter.clusterId(config("pgpool", Map.of()))).isEmpty();
    assertThat(FailureReporter.clusterId(config("pgpool", Map.of("pgfleet", Map.of("plan", "s")))))
        .isEmpty();
  }

  @Test
  void aVmOutsideAClusterReportsNothing() {
    assertThat(start(config("pgpool", Map.of()))).isEmpty();
    assertThat(start(config("other", clusterProperties()))).isEmpty();
  }

  @Test
  void aPgpoolVmSignalsItsClusterWorkflowAndDeletesTheFile() throws Exception {
    NodeAgentConfig config = config("pgpool", clusterProperties());
    Path reports = PgpoolFailureReport.directory(HostEnvironments.from(config));
    Files.createDirectories(reports);
    Path file = reports.resolve("1795322123703-9-backend-0.json");
    Files.writeString(
        file,
        "{\"failed_node_id\":0,\"failed_host\":\"127.0.1.2\",\"failed_port\":5432,"
            + "\"old_primary_node_id\":0,\"at_millis\":1795322123703}");

    try (FailureReporter reporter = start(config).orElseThrow()) {
      long deadline = System.currentTimeMillis() + DELIVERY_WAIT_MILLIS;
      while (Files.exists(file) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
    }

    assertThat(file).doesNotExist();
    assertThat(signals.workflowIds).containsExactly("cluster/c1");
    assertThat(signals.delivered())
        .extracting(DataPlaneReport::reporter, DataPlaneReport::suspectAddress)
        .containsExactly(org.assertj.core.api.Assertions.tuple("pgpool/2", "127.0.1.2"));
  }

  @Test
  void aPostgresVmWithoutARunningServerReportsNothingAndStops() throws Exception {
    try (FailureReporter reporter = start(config("postgres", clusterProperties())).orElseThrow()) {
      Thread.sleep(3 * FailureReporter.STANDBY_POLL_MILLIS);
    }

    assertThat(signals.attempts).isZero();
  }

  private Optional<FailureReporter> start(NodeAgentConfig config) {
    return FailureReporter.start(
        config, HostEnvironments.from(config), signals, System::currentTimeMillis);
  }

  private static Map<String, Object> clusterProperties() {
    return Map.of("pgfleet", Map.of("cluster_id", "c1"));
  }

  private NodeAgentConfig config(String group, Map<String, Object> properties) {
    return new NodeAgentConfig(
        "pgfleet-c1",
        group,
        2,
        "uuid-2",
        "vm-2",
        "127.0.9.9",
        new NodeAgentConfig.Temporal("127.0.0.1:7233", "default"),
        dir.resolve("store"),
        dir.resolve("data"),
        null,
        null,
        null,
        0,
        0,
        0,
        properties,
        Map.of(group, List.of()));
  }
}
