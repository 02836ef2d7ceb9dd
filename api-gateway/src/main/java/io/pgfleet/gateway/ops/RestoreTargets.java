package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a restore body's "target": exactly one of time, xid, lsn, name or latest, each checked here
 * so a malformed value is a 400 before anything is asked of a workflow.
 */
final class RestoreTargets {

  static final List<String> KEYS = List.of("time", "xid", "lsn", "name", "latest");

  /** PostgreSQL's restore point names are at most 63 bytes (MAXFNAMELEN - 1). */
  static final int MAX_NAME_BYTES = 63;

  /** pg_lsn's text form: two hex numbers of at most 32 bits each. */
  private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

  /** Decimal digits; PostgreSQL also reads 64-bit xids with an epoch (txid_current()). */
  private static final Pattern XID = Pattern.compile("[0-9]{1,20}");

  private RestoreTargets() {}

  static RecoveryTarget parse(JsonNode target) {
    if (target == null || target.isNull()) {
      throw ApiException.badRequest(
          "target is required: an object with exactly one of " + String.join(", ", KEYS));
    }
    if (!target.isObject()) {
      throw ApiException.badRequest("target must be a JSON object, e.g. {\"latest\": true}");
    }
    List<String> keys = new ArrayList<>();
    target.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (!KEYS.contains(key)) {
        throw ApiException.badRequest(
            "target has an unknown key '" + key + "'; use one of " + String.join(", ", KEYS));
      }
    }
    if (keys.size() != 1) {
      throw ApiException.badRequest(
          "target must have exactly one of "
              + String.join(", ", KEYS)
              + (keys.isEmpty() ? "; it has none" : "; it has " + String.join(", ", keys)));
    }
    String key = keys.get(0);
    JsonNode value = target.get(key);
    return switch (key) {
      case "time" -> new RecoveryTarget(RecoveryTargetKind.TIME, time(value));
      case "xid" -> new RecoveryTarget(RecoveryTargetKind.XID, xid(value));
      case "lsn" -> new RecoveryTarget(RecoveryTargetKind.LSN, lsn(value));
      case "name" -> new RecoveryTarget(RecoveryTargetKind.NAME, name(value));
      default -> latest(value);
    };
  }

  /** ISO-8601 with an offset; passed on as the UTC instant, so no server's zone matters. */
  private static String time(JsonNode value) {
    String text = text("time", value, "an ISO-8601 timestamp with offset");
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toString();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "target.time '"
              + text
              + "' is not an ISO-8601 timestamp with offset, e.g. 2026-11-22T08:15:30Z or"
              + " 2026-11-22T09:15:30.250+01:00");
    }
  }

  private static String xid(JsonNode value) {
    String text =
        value.isIntegralNumber() ? value.asText() : text("xid", value, "a positive integer");
    if (!XID.matcher(text).matches() || !isPositiveLong(text)) {
      throw ApiException.badRequest(
          "target.xid '" + text + "' is not a positive integer transaction id");
    }
    return text;
  }

  private static boolean isPositiveLong(String digits) {
    try {
      return Long.parseLong(digits) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String lsn(JsonNode value) {
    String text = text("lsn", value, "a WAL position like 0/5000028");
    if (!LSN.matcher(text).matches()) {
      throw ApiException.badRequest(
          "target.lsn '" + text + "' is not a WAL position: two hex numbers X/Y, e.g. 0/5000028");
    }
    return text.toUpperCase(Locale.ROOT);
  }

  private static String name(JsonNode value) {
    String text = text("name", value, "a restore point name");
    if (text.isEmpty()) {
      throw ApiException.badRequest("target.name must not be empty");
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw ApiException.badRequest(
          "target.name is "
              + bytes
              + " bytes long; restore point names have at most "
              + MAX_NAME_BYTES);
    }
    return text;
  }

  private static RecoveryTarget latest(JsonNode value) {
    if (!value.isBoolean() || !value.booleanValue()) {
      throw ApiException.badRequest(
          "target.latest must be true (to recover to the end of the archive)");
    }
    return RecoveryTarget.latest();
  }

  private static String text(String key, JsonNode value, String expected) {
    if (!value.isTextual()) {
      throw ApiException.badRequest("target." + key + " must be a string: " + expected);
    }
    return value.asText();
  }
}
