package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.util.Set;

/**
 * Maps SQL errors to ApplicationFailures. Errors about the statement or its names (SQLSTATE classes
 * 22, 42, 2B …) fail the same way on every retry: non-retryable INVALID_INPUT. Everything else
 * (connections, shutdowns, lock timeouts, serialization) is retryable HOST_COMMAND_FAILED, the
 * existing type for "the cluster's PostgreSQL did not do it".
 */
final class SqlFailures {

  private SqlFailures() {}

  /** data exception, integrity, dependent objects, invalid grantor/role, syntax or access rule. */
  private static final Set<String> PERMANENT_CLASSES = Set.of("22", "23", "2B", "0L", "0P", "42");

  /**
   * duplicate_object / duplicate_database: someone created it between our check and our CREATE; the
   * retry finds it and goes the "exists" way.
   */
  private static final Set<String> RACES = Set.of("42710", "42P04");

  static ApplicationFailure of(String what, SQLException e) {
    String state = e.getSQLState();
    String message =
        what + " failed: " + e.getMessage() + (state == null ? "" : " (SQLSTATE " + state + ")");
    return isPermanent(state)
        ? ApplicationFailure.newNonRetryableFailureWithCause(
            message, FailureType.INVALID_INPUT.name(), e)
        : retryable(message, e);
  }

  static boolean isPermanent(String sqlState) {
    return sqlState != null
        && sqlState.length() == 5
        && !RACES.contains(sqlState)
        && PERMANENT_CLASSES.contains(sqlState.substring(0, 2));
  }

  static ApplicationFailure retryable(String message, Throwable cause) {
    return ApplicationFailure.newFailureWithCause(
        message, FailureType.HOST_COMMAND_FAILED.name(), cause);
  }

  static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.name());
  }

  static ApplicationFailure conflict(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        message, FailureType.HOST_STATE_CONFLICT.name());
  }
}
