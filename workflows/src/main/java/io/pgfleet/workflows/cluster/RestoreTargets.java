package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The syntax of a recovery target, checked when a restore is requested so a typo is refused before
 * anything is stopped. Whether the archive reaches the target is the restore workflow's check.
 */
final class RestoreTargets {

  /** An xid as PostgreSQL's recovery_target_xid takes it: a plain decimal number. */
  private static final Pattern XID = Pattern.compile("[0-9]{1,20}");

  /** An LSN as PostgreSQL prints it: two hexadecimal halves of 32 bits. */
  private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

  /** Restore point names are cut at MAXFNAMELEN - 1 bytes by pg_create_restore_point. */
  private static final int MAX_NAME_BYTES = 63;

  private RestoreTargets() {}

  /** The target a request means: none given is the end of the archive. */
  static RecoveryTarget orLatest(RecoveryTarget target) {
    return target == null ? RecoveryTarget.latest() : target;
  }

  /** Throws IllegalArgumentException (the gateway's bad input) naming what is wrong. */
  static void check(RecoveryTarget target) {
    if (target.kind() == null) {
      throw invalid("the recovery target has no kind (time, xid, lsn, name or latest)");
    }
    String value = target.value();
    if (target.kind() == RecoveryTargetKind.LATEST) {
      if (value != null && !value.isBlank()) {
        throw invalid("recovery target latest takes no value, got '" + value + "'");
      }
      return;
    }
    if (value == null || value.isBlank()) {
      throw invalid("recovery target " + target.describe() + " needs a value");
    }
    switch (target.kind()) {
      case TIME -> requireTime(value);
      case XID -> require(XID.matcher(value).matches(), target, "a decimal transaction id");
      case LSN -> require(LSN.matcher(value).matches(), target, "a WAL position like 0/5000028");
      case NAME ->
          require(
              value.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES
                  && value.equals(value.strip()),
              target,
              "a restore point name of at most 63 bytes without surrounding blanks");
      default -> throw new IllegalStateException("unhandled target kind " + target.kind());
    }
  }

  /** ISO-8601 with a zone: a local time would mean whatever zone the server runs in. */
  private static void requireTime(String value) {
    try {
      OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(
          "recovery target time '"
              + value
              + "' is not an ISO-8601 timestamp with zone, e.g. 2026-11-22T08:15:30Z");
    }
  }

  private static void require(boolean ok, RecoveryTarget target, String expected) {
    if (!ok) {
      throw invalid("recovery target " + target.describe() + " is not " + expected);
    }
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException(message);
  }
}
