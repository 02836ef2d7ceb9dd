package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.testenv.cloud.LocalVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A WAL archiving problem on a provisioned cluster, every component real: the primary's pgBackRest
 * configuration becomes unreadable for PostgreSQL (as after a bad hand edit), archive-push fails,
 * the primary's node agent reports it, the cluster shows it and alerts CRITICAL through the webhook
 * and by mail; once the file is readable again, archiving catches up and RESOLVED follows on both.
 */
class ArchivingAlertIT {

  private static LocalStack stack;
  private static FaultCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start();
    cluster = FaultCluster.provisionAndBind(stack);
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aFailingArchiveIsShownAndAlertedByWebhookAndMailUntilItWorksAgain() throws Exception {
    FaultCluster.await("the primary's first archiving report", () -> archiving().has("healthy"));
    assertThat(archiving().path("healthy").asBoolean()).as(archiving().toString()).isTrue();
    LocalVm primary = cluster.vm("primary");
    Path config = pgBackRestConfig(primary);
    Set<PosixFilePermission> readable = Files.getPosixFilePermissions(config);

    Files.setPosixFilePermissions(config, Set.of());
    try {
      switchWal(primary);
      FaultCluster.await("archiving reported failing", () -> !healthy());
      JsonNode failing = archiving();
      assertThat(failing.path("reporter").asText()).isEqualTo(primaryName());
      assertThat(failing.path("problem").asText()).contains("failed");
      assertThat(failing.path("pending_segments").asInt()).isPositive();
      FaultCluster.await("a CRITICAL archiving alert by webhook", () -> alerted("critical"));
      FaultCluster.await("a CRITICAL archiving alert by mail", () -> mailed("CRITICAL"));
    } finally {
      Files.setPosixFilePermissions(config, readable);
    }

    switchWal(primary);
    FaultCluster.await("archiving reported healthy again", ArchivingAlertIT::healthy);
    FaultCluster.await("a RESOLVED archiving alert by webhook", () -> alerted("resolved"));
    FaultCluster.await("a RESOLVED archiving alert by mail", () -> mailed("RESOLVED"));
    assertThat(archiving().path("pending_segments").asInt()).isZero();
    assertThat(archivingAlerts())
        .extracting(a -> a.path("severity").asText())
        .containsExactly("critical", "resolved");
  }

  private static JsonNode archiving() throws Exception {
    return cluster.ops.cluster(cluster.id).path("archiving");
  }

  private static boolean healthy() throws Exception {
    return archiving().path("healthy").asBoolean(false);
  }

  private static String primaryName() throws Exception {
    return cluster.ops.node(cluster.id, "primary").orElseThrow().path("name").asText();
  }

  private static List<JsonNode> archivingAlerts() {
    return stack.alerts().stream()
        .filter(a -> cluster.id.equals(a.path("cluster_id").asText()))
        .filter(a -> "archiving".equals(a.path("subject").asText()))
        .toList();
  }

  private static boolean alerted(String severity) {
    return archivingAlerts().stream().anyMatch(a -> severity.equals(a.path("severity").asText()));
  }

  private static boolean mailed(String severity) {
    return stack.mails().stream()
        .anyMatch(
            m ->
                m.subject().contains(severity)
                    && m.subject().contains("WAL archiving")
                    && m.body().contains(cluster.id));
  }

  /** Some WAL, then a new segment: the archiver has a segment to push now. */
  private static void switchWal(LocalVm primary) throws Exception {
    VmFaults.superuserSql(
        primary,
        "CREATE TABLE IF NOT EXISTS archiving_probe (at timestamptz);"
            + " INSERT INTO archiving_probe VALUES (now()); SELECT pg_switch_wal()");
  }

  private static Path pgBackRestConfig(LocalVm vm) throws Exception {
    try (Stream<Path> files = Files.walk(vm.vmDir())) {
      return files
          .filter(p -> p.getFileName().toString().equals("pgbackrest.conf"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no pgbackrest.conf under " + vm.vmDir()));
    }
  }
}
