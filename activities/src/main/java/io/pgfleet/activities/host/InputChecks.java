package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.util.regex.Pattern;

/** Validation of activity inputs; a bad input fails non-retryably as INVALID_INPUT. */
final class InputChecks {
  private InputChecks() {}

  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw invalid(what + " is missing");
    }
    return value;
  }

  /** Role names go into SQL, pg_hba and pgpass unquoted, so only plain identifiers pass. */
  static String roleName(String value, String what) {
    if (value == null || !ROLE_NAME.matcher(value).matches()) {
      throw invalid(what + " '" + value + "' is not a plain role name ([A-Za-z_][A-Za-z0-9_]*)");
    }
    return value;
  }

  /** A host name or IP literal, safe to write into pg_hba.conf and a conninfo string. */
  static String host(String value, String what) {
    if (value == null
        || !(HOST_NAME.matcher(value).matches()
            || (value.contains(":") && IPV6.matcher(value).matches()))) {
      throw invalid(what + " '" + value + "' is not a host name or IP address");
    }
    return value;
  }

  static int port(int value, String what) {
    if (value < 1 || value > 65535) {
      throw invalid(what + " " + value + " is not a TCP port");
    }
    return value;
  }

  /** Configuration files hold values on one line; a line break would inject settings. */
  static String singleLine(String value, String what) {
    if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw invalid(what + " must be a single line");
    }
    return value;
  }

  static RuntimeException invalid(String message) {
    return HostFailures.of(FailureType.INVALID_INPUT, message);
  }
}
