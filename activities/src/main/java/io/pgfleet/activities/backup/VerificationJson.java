package io.pgfleet.activities.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgfleet.workflows.backup.BackupVerification;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A verification's JSON, with the catalog entry's conventions: snake_case, a {@code kind} first,
 * absent values left out, unknown fields ignored on reading.
 */
final class VerificationJson {

  static final String KIND = "pgfleet-backup-verification";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private VerificationJson() {}

  static byte[] write(BackupVerification verification) {
    ObjectNode node = JSON.createObjectNode().put(BackupRecordJson.KIND_FIELD, KIND);
    node.setAll((ObjectNode) JSON.valueToTree(verification));
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException("writing verification of " + verification.backupId(), e);
    }
  }

  static BackupVerification read(String key, byte[] json) throws IOException {
    JsonNode node = JSON.readTree(json);
    if (node == null || !KIND.equals(node.path(BackupRecordJson.KIND_FIELD).asText(null))) {
      throw new IOException(key + " is not a " + KIND + " object");
    }
    return JSON.treeToValue(node, BackupVerification.class);
  }
}
