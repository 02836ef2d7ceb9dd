package io.pgfleet.activities.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PgBackRestBackup;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Reads one backup set out of {@code pgbackrest info --output=json} (one stanza). */
final class BackupPgBackRestInfo {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BackupPgBackRestInfo() {}

  /** The newest set carrying annotation {@code key=value}, if any. */
  static Optional<PgBackRestBackup> find(String infoJson, String key, String value) {
    JsonNode stanzas = parse(infoJson);
    Optional<PgBackRestBackup> found = Optional.empty();
    for (JsonNode stanza : stanzas) {
      for (JsonNode backup : stanza.path("backup")) {
        if (value.equals(backup.path("annotation").path(key).asText(null))) {
          found = Optional.of(toBackup(value, backup));
        }
      }
    }
    return found;
  }

  /** The labels of every set the repository lists. */
  static Set<String> labels(String infoJson) {
    Set<String> labels = new HashSet<>();
    for (JsonNode stanza : parse(infoJson)) {
      for (JsonNode backup : stanza.path("backup")) {
        labels.add(backup.path("label").asText());
      }
    }
    return labels;
  }

  static PgBackRestBackup toBackup(String backupId, JsonNode b) {
    String startWal = b.path("archive").path("start").asText();
    JsonNode prior = b.path("prior");
    return new PgBackRestBackup(
        backupId,
        b.path("label").asText(),
        b.path("type").asText(),
        prior.isNull() || prior.isMissingNode() ? null : prior.asText(),
        b.path("lsn").path("start").asText(),
        b.path("lsn").path("stop").asText(),
        startWal,
        b.path("archive").path("stop").asText(),
        BackupSql.timelineOf(startWal),
        b.path("timestamp").path("start").asLong() * 1000,
        b.path("timestamp").path("stop").asLong() * 1000,
        b.path("info").path("size").asLong(),
        b.path("info").path("repository").path("delta").asLong());
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED, "pgbackrest info printed no JSON: " + e.getMessage(), e);
    }
  }
}
