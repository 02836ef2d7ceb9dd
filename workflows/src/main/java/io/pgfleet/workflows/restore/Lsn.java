package io.pgfleet.workflows.restore;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WAL positions as PostgreSQL writes them ({@code 0/5000028}: two 32-bit halves in hex). */
final class Lsn {

  private static final Pattern FORMAT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

  private Lsn() {}

  /** Whether the text is an LSN PostgreSQL accepts. */
  static boolean valid(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  /**
   * The position as an unsigned 64-bit number, comparable across timelines.
   *
   * @throws IllegalArgumentException when the text is no LSN
   */
  static long parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a WAL position like 0/5000028");
    }
    return (Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16);
  }
}
