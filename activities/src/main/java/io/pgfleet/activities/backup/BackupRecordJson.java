package io.pgfleet.activities.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgfleet.workflows.backup.BackupRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A catalog entry's JSON: snake_case fields, a {@code kind} naming what the object is, absent
 * values left out. Readers ignore fields they don't know, so later versions can add some.
 */
final class BackupRecordJson {

  static final String KIND_FIELD = "kind";
  static final String KIND = "pgfleet-backup";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private BackupRecordJson() {}

  static byte[] write(BackupRecord record) {
    ObjectNode node = JSON.createObjectNode().put(KIND_FIELD, KIND);
    node.setAll((ObjectNode) JSON.valueToTree(record));
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException("writing backup " + record.backupId(), e);
    }
  }

  /** The entry, or a failure saying why the object is not one. */
  static BackupRecord read(String key, byte[] json) throws IOException {
    JsonNode node = JSON.readTree(json);
    if (node == null || !KIND.equals(node.path(KIND_FIELD).asText(null))) {
      throw new IOException(key + " is not a " + KIND + " object");
    }
    return JSON.treeToValue(node, BackupRecord.class);
  }
}
