package io.pgfleet.activities.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupPoint;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.SnapshotDetails;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupRecordJsonTest {

  static BackupRecord snapshotRecord(String clusterId, String backupId, long startedAt) {
    return new BackupRecord(
        BackupRecord.FORMAT_VERSION,
        backupId,
        clusterId,
        BackupMode.SNAPSHOT,
        BackupStatus.COMPLETED,
        clusterId,
        null,
        1,
        new BackupPoint("0/5000028", "000000010000000000000005", startedAt),
        new BackupPoint("0/5000138", "000000010000000000000005", startedAt + 2_000),
        31_000_000L,
        new SnapshotDetails(
            List.of("snap-0123456789abcdef0"),
            "disk-0123456789abcdef0",
            10,
            "START WAL LOCATION: 0/5000028 (file 000000010000000000000005)\nLABEL: x\n",
            null),
        null,
        "0.1.0",
        startedAt + 3_000);
  }

  @Test
  void anEntryIsSelfDescribingSnakeCaseJsonThatReadsBackTheSame() throws IOException {
    BackupRecord record = snapshotRecord("c-1", "b-1", 1_718_100_900_000L);

    byte[] json = BackupRecordJson.write(record);
    JsonNode tree = new ObjectMapper().readTree(json);

    assertThat(tree.get("kind").asText()).isEqualTo("pgfleet-backup");
    assertThat(tree.fieldNames().next()).isEqualTo("kind");
    assertThat(tree.get("format_version").asInt()).isEqualTo(1);
    assertThat(tree.get("backup_id").asText()).isEqualTo("b-1");
    assertThat(tree.get("mode").asText()).isEqualTo("SNAPSHOT");
    assertThat(tree.get("start").get("wal_file").asText()).isEqualTo("000000010000000000000005");
    assertThat(tree.get("snapshot").get("snapshot_ids").get(0).asText())
        .isEqualTo("snap-0123456789abcdef0");
    assertThat(tree.get("snapshot").get("backup_label").asText()).contains("LABEL: x");
    assertThat(tree.get("pgfleet_version").asText()).isEqualTo("0.1.0");
    assertThat(tree.has("error")).isFalse();
    assertThat(tree.has("copy")).isFalse();
    assertThat(tree.has("restorable")).isFalse();
    assertThat(BackupRecordJson.read("k", json)).isEqualTo(record);
  }

  @Test
  void fieldsOfLaterVersionsAreIgnored() throws IOException {
    String json =
        """
        {"kind":"pgfleet-backup","format_version":2,"backup_id":"b-2","cluster_id":"c-1",
         "mode":"COPY","status":"FAILED","error":"boom","recorded_at_millis":5,
         "verified":{"at_millis":9,"passed":true}}
        """;

    BackupRecord record = BackupRecordJson.read("k", json.getBytes(StandardCharsets.UTF_8));

    assertThat(record.formatVersion()).isEqualTo(2);
    assertThat(record.status()).isEqualTo(BackupStatus.FAILED);
    assertThat(record.error()).isEqualTo("boom");
    assertThat(record.start()).isNull();
  }

  @Test
  void anObjectOfAnotherKindIsNoEntry() {
    assertThatThrownBy(
            () ->
                BackupRecordJson.read(
                    "c-1/backups/x.json", "{\"backup_id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("c-1/backups/x.json is not a pgfleet-backup object");
  }

  @Test
  void entriesLiveBesideTheClusterArchiveAndIdsCannotEscapeThePrefix() {
    assertThat(BackupCatalogKeys.key("c-1", "b-1")).isEqualTo("c-1/backups/b-1.json");
    assertThat(BackupCatalogKeys.prefix("c-1")).isEqualTo("c-1/backups/");
    assertThatThrownBy(() -> BackupCatalogKeys.key("c-1", "../c-2/backups/b"))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("backup id '../c-2/backups/b' cannot name a catalog entry");
    assertThatThrownBy(() -> BackupCatalogKeys.prefix("")).isInstanceOf(ApplicationFailure.class);
  }
}
