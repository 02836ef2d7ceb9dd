package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.host.RecoveryTarget;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads a {@link RecoveryTarget}'s value the way PostgreSQL will, so a malformed one is refused
 * before anything changes instead of after the disks were swapped.
 */
final class RecoveryTargets {

  /** PostgreSQL's restore point names are at most 63 bytes (MAXFNAMELEN - 1). */
  static final int MAX_NAME_LENGTH = 63;

  private static final Pattern XID = Pattern.compile("[0-9]{1,19}");

  private RecoveryTargets() {}

  /** Fails with INVALID_INPUT naming what is wrong with the target; returns it when well formed. */
  static RecoveryTarget requireWellFormed(RecoveryTarget target) {
    if (target == null || target.kind() == null) {
      throw Rejection.because("a restore needs a recovery target (time, xid, lsn, name or latest)");
    }
    String value = target.value();
    switch (target.kind()) {
      case TIME -> timeMillis(target);
      case LSN -> {
        if (!Lsn.valid(value)) {
          throw Rejection.because(
              "recovery target lsn '" + value + "' is not a WAL position like 0/5000028");
        }
      }
      case XID -> {
        if (value == null || !XID.matcher(value).matches() || Long.parseLong(value) < 3) {
          throw Rejection.because(
              "recovery target xid '" + value + "' is not a transaction id (a number from 3)");
        }
      }
      case NAME -> {
        if (value == null
            || value.isBlank()
            || value.length() > MAX_NAME_LENGTH
            || value.chars().anyMatch(Character::isISOControl)) {
          throw Rejection.because(
              "recovery target name '"
                  + value
                  + "' is not a restore point name (1 to 63 printable characters)");
        }
      }
      case LATEST -> {
        if (value != null && !value.isBlank()) {
          throw Rejection.because("recovery target latest takes no value, got '" + value + "'");
        }
      }
    }
    return target;
  }

  /** A TIME target's instant in epoch milliseconds; INVALID_INPUT when it has no zone or offset. */
  static long timeMillis(RecoveryTarget target) {
    try {
      return OffsetDateTime.parse(target.value()).toInstant().toEpochMilli();
    } catch (DateTimeParseException | NullPointerException e) {
      throw Rejection.because(
          "recovery target time '"
              + target.value()
              + "' is not an ISO-8601 time with zone, like 2026-11-22T08:15:30.250Z");
    }
  }

  /** An LSN target's position. */
  static long lsn(RecoveryTarget target) {
    return Lsn.parse(target.value());
  }
}
