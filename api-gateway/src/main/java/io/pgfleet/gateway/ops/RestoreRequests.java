package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.gateway.web.Ids;
import io.pgfleet.workflows.backup.BackupNaming;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.restore.RestoreMode;
import java.util.List;

/** Reads a restore body into a {@link RestoreCommand}, or answers 400 naming what is wrong. */
final class RestoreRequests {

  private static final List<String> KEYS =
      List.of("target", "backup_id", "mode", "new_instance_id");

  private RestoreRequests() {}

  static RestoreCommand parse(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw ApiException.badRequest(
          "the request body is missing; send {\"target\": {\"latest\": true}} or another target");
    }
    if (!body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            key -> {
              if (!KEYS.contains(key)) {
                throw ApiException.badRequest(
                    "unknown field '" + key + "'; a restore takes " + String.join(", ", KEYS));
              }
            });
    RecoveryTarget target = RestoreTargets.parse(body.get("target"));
    String backupId = optionalText(body, "backup_id");
    if (backupId != null && !BackupNaming.isSafe(backupId)) {
      throw ApiException.badRequest(
          "backup_id '"
              + backupId
              + "' is not a backup id: 1-128 letters, digits, '.', '_' or '-'");
    }
    RestoreMode mode = mode(optionalText(body, "mode"));
    String newInstanceId = optionalText(body, "new_instance_id");
    if (mode == RestoreMode.NEW_CLUSTER) {
      if (newInstanceId == null) {
        throw ApiException.badRequest("new_instance_id is required with mode new_cluster");
      }
      Ids.require("new_instance_id", newInstanceId);
    } else if (newInstanceId != null) {
      throw ApiException.badRequest(
          "new_instance_id only applies to mode new_cluster; an in-place restore keeps the cluster");
    }
    return new RestoreCommand(mode, backupId, target, newInstanceId);
  }

  private static RestoreMode mode(String text) {
    if (text == null) {
      return RestoreMode.IN_PLACE;
    }
    for (RestoreMode mode : RestoreMode.values()) {
      if (mode.name().equalsIgnoreCase(text.strip())) {
        return mode;
      }
    }
    throw ApiException.badRequest(
        "mode '" + text + "' is not a restore mode; use \"in_place\" or \"new_cluster\"");
  }

  private static String optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field + " must be a string");
    }
    return value.asText();
  }
}
