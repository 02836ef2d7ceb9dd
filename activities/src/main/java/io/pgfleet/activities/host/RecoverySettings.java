package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The recovery settings of a point-in-time restore in the managed include file: where WAL comes
 * from, the target (inclusive), the newest timeline, and promotion at the target.
 */
final class RecoverySettings {
  private RecoverySettings() {}

  /** Every setting a restore writes, removed again once the server is promoted. */
  static final List<String> NAMES =
      List.of(
          "recovery_target",
          "recovery_target_time",
          "recovery_target_xid",
          "recovery_target_lsn",
          "recovery_target_name",
          "recovery_target_inclusive",
          "recovery_target_timeline",
          "recovery_target_action");

  /** PostgreSQL caps a restore point name at 63 bytes (MAXFNAMELEN - 1). */
  private static final int MAX_NAME_BYTES = 63;

  private static final Pattern XID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

  /**
   * Microseconds, PostgreSQL's own precision: a later nanosecond part is cut off, which keeps every
   * commit at or before the given instant inside the target.
   */
  private static final DateTimeFormatter PG_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'");

  /** The settings for {@code target}, WAL fetched by {@code restoreCommand}. */
  static Map<String, String> of(RecoveryTarget target, String restoreCommand) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(ArchivePgSettings.RESTORE_COMMAND, restoreCommand);
    RecoveryTargetKind kind = kind(target);
    if (kind != RecoveryTargetKind.LATEST) {
      settings.put(settingName(kind), pgValue(kind, target.value()));
    }
    settings.put("recovery_target_inclusive", "on");
    // follow the newest timeline in the archive: a failover after the backup switched timelines
    settings.put("recovery_target_timeline", "latest");
    settings.put("recovery_target_action", "promote");
    return settings;
  }

  /** {@code settings} without any recovery target setting. */
  static Map<String, String> without(Map<String, String> settings) {
    Map<String, String> rest = new LinkedHashMap<>(settings);
    NAMES.forEach(rest::remove);
    return rest;
  }

  /** Fails with INVALID_INPUT unless the target is complete and well-formed. */
  static RecoveryTarget valid(RecoveryTarget target) {
    RecoveryTargetKind kind = kind(target);
    if (kind != RecoveryTargetKind.LATEST) {
      pgValue(kind, target.value());
    }
    return target;
  }

  private static RecoveryTargetKind kind(RecoveryTarget target) {
    if (target == null || target.kind() == null) {
      throw InputChecks.invalid("the recovery target is missing");
    }
    return target.kind();
  }

  private static String settingName(RecoveryTargetKind kind) {
    return switch (kind) {
      case TIME -> "recovery_target_time";
      case XID -> "recovery_target_xid";
      case LSN -> "recovery_target_lsn";
      case NAME -> "recovery_target_name";
      case LATEST -> throw new IllegalArgumentException("latest has no target setting");
    };
  }

  private static String pgValue(RecoveryTargetKind kind, String value) {
    if (value == null || value.isBlank()) {
      throw InputChecks.invalid("the " + kind + " recovery target has no value");
    }
    return switch (kind) {
      case TIME -> time(value);
      case XID -> matching(value, XID, "transaction id");
      case LSN -> matching(value, LSN, "WAL position").toUpperCase(java.util.Locale.ROOT);
      case NAME -> restorePoint(value);
      case LATEST -> throw new IllegalArgumentException("latest has no value");
    };
  }

  private static String time(String value) {
    try {
      return PG_TIME.format(OffsetDateTime.parse(value).atZoneSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw InputChecks.invalid(
          "recovery target time '" + value + "' is not an ISO-8601 timestamp with zone");
    }
  }

  private static String matching(String value, Pattern pattern, String what) {
    if (!pattern.matcher(value).matches()) {
      throw InputChecks.invalid("recovery target " + what + " '" + value + "' is malformed");
    }
    return value;
  }

  private static String restorePoint(String value) {
    InputChecks.singleLine(value, "restore point name");
    if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES
        || value.chars().anyMatch(Character::isISOControl)) {
      throw InputChecks.invalid(
          "restore point name '" + value + "' is over " + MAX_NAME_BYTES + " bytes or not text");
    }
    return value;
  }
}
