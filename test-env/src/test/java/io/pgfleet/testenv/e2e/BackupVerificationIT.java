package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.testenv.cloud.LocalVm;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backup verification through the operations API, every component real: a throw-away cluster is
 * provisioned, filled from the backup (restore into a new cluster), checked and deprovisioned. A
 * good backup passes; a backup whose snapshot has a damaged page in one relation fails, naming it;
 * both outcomes show with the backup, and no throw-away cluster is left behind.
 */
class BackupVerificationIT {

  /** Provision, restore, check and deprovision of a five-VM cluster; this bounds a broken run. */
  private static final Duration VERIFY_BOUND = Duration.ofMinutes(8);

  /** PostgreSQL's page size: the damage covers the relation's first page. */
  private static final int PAGE = 8192;

  private static LocalStack stack;
  private static FaultCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start();
    cluster = FaultCluster.provisionAndBind(stack);
    VmFaults.superuserSql(
        cluster.vm("primary"),
        "CREATE TABLE precious AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 5000) g");
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aGoodBackupPassesAndOneWithADamagedPageFailsNamingTheRelation() throws Exception {
    String good = backup();
    JsonNode passed = verify(good);
    assertThat(passed.path("status").asText()).as(passed.toString()).isEqualTo("completed");
    assertThat(passed.at("/verification/passed").asBoolean()).as(passed.toString()).isTrue();

    String damaged = backup();
    damageFirstPage(snapshotOf(damaged), relationPath("precious"));
    JsonNode failed = verify(damaged);
    assertThat(failed.at("/verification/passed").asBoolean(true)).as(failed.toString()).isFalse();
    assertThat(failed.at("/verification/detail").asText()).contains("precious");

    JsonNode listed = cluster.ops.get("/api/v1/clusters/" + cluster.id + "/backups");
    assertThat(verified(listed, good)).isTrue();
    assertThat(verified(listed, damaged)).isFalse();
    for (JsonNode run : new JsonNode[] {passed, failed}) {
      assertThat(run.at("/operation/steps").findValuesAsText("name"))
          .anyMatch(step -> step.startsWith("deprovision throw-away cluster"));
      assertThat(StreamSupport.stream(run.at("/operation/steps").spliterator(), false))
          .filteredOn(s -> s.path("name").asText().startsWith("deprovision"))
          .allMatch(s -> s.path("state").asText().equals("succeeded"));
    }
    assertThat(cluster.phase()).isEqualTo("ready");
  }

  private static String backup() throws Exception {
    OpsApi.Reply accepted =
        cluster.ops.post("/api/v1/clusters/" + cluster.id + "/backups", "{\"mode\":\"snapshot\"}");
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    String backupId = accepted.body().get("operation_id").asText();
    FaultCluster.await(
        "backup " + backupId,
        () -> FaultCluster.isFinished(cluster.ops.operation(cluster.id, backupId)));
    assertThat(cluster.ops.operation(cluster.id, backupId).path("state").asText())
        .isEqualTo("succeeded");
    return backupId;
  }

  private static JsonNode verify(String backupId) throws Exception {
    OpsApi.Reply accepted = cluster.ops.post("/api/v1/backups/" + backupId + "/verify", "{}");
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    String path =
        "/api/v1/backups/"
            + backupId
            + "/verifications/"
            + accepted.body().get("operation_id").asText();
    long deadline = System.nanoTime() + VERIFY_BOUND.toNanos();
    JsonNode state = cluster.ops.get(path);
    while ("running".equals(state.path("status").asText()) && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      state = cluster.ops.get(path);
    }
    return state;
  }

  private static boolean verified(JsonNode list, String backupId) {
    for (JsonNode b : list.path("backups")) {
      if (backupId.equals(b.path("backup_id").asText())) {
        return b.path("verified").asBoolean();
      }
    }
    throw new AssertionError("backup " + backupId + " not listed: " + list);
  }

  /** The data file of a relation, relative to the data directory (base/&lt;db&gt;/&lt;node&gt;). */
  private static String relationPath(String relation) throws Exception {
    LocalVm primary = cluster.vm("primary");
    return VmFaults.superuserSql(primary, "SELECT pg_relation_filepath('" + relation + "')")
        .strip();
  }

  /** The local cloud's copy of the backup's first snapshot. */
  private static Path snapshotOf(String backupId) throws Exception {
    String entry =
        stack
            .s3
            .client()
            .getObjectAsBytes(
                r ->
                    r.bucket(stack.s3.settings().bucket())
                        .key(cluster.id + "/backups/" + backupId + ".json"))
            .asUtf8String();
    String snapshotId = new ObjectMapper().readTree(entry).at("/snapshot/snapshot_ids/0").asText();
    try (Stream<Path> dirs = Files.walk(stack.stateDir)) {
      return dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals(snapshotId))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no copy of snapshot " + snapshotId));
    }
  }

  /** Overwrites the relation's first page in the snapshot with bytes no valid page has. */
  private static void damageFirstPage(Path snapshot, String relationPath) throws Exception {
    Path file;
    try (Stream<Path> files = Files.walk(snapshot)) {
      file =
          files
              .filter(p -> p.toString().endsWith("/" + relationPath))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no " + relationPath + " in " + snapshot));
    }
    byte[] garbage = new byte[PAGE];
    Arrays.fill(garbage, (byte) 0x7f);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(garbage), 0);
    }
  }
}
