package io.pgfleet.activities.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pgfleet-managed include file of postgresql.conf: one {@code name = 'value'} per line, every
 * value quoted (PostgreSQL accepts quoted numbers and booleans), so it reads back exactly.
 */
final class PostgresConf {
  private PostgresConf() {}

  /** The include file's name inside the data directory. */
  static final String FILE_NAME = "pgfleet.conf";

  /** The line postgresql.conf carries so the managed file wins over what precedes it. */
  static final String INCLUDE_LINE = "include '" + FILE_NAME + "'";

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_.]*");
  private static final Pattern LINE =
      Pattern.compile("^([a-z_][a-z0-9_.]*) = '((?:[^'\\\\]|''|\\\\.)*)'$");

  static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  static String render(Map<String, String> settings) {
    StringBuilder out =
        new StringBuilder("# Managed by the pgfleet node agent; rewritten on every change.\n");
    settings.forEach(
        (name, value) -> out.append(name).append(" = ").append(quote(value)).append('\n'));
    return out.toString();
  }

  static Map<String, String> parse(String text) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches()) {
        settings.put(m.group(1), unquote(m.group(2)));
      }
    }
    return settings;
  }

  /** postgresql.conf string syntax: backslash escapes, single quotes doubled. */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private static String unquote(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if ((c == '\\' || c == '\'') && i + 1 < quoted.length()) {
        out.append(quoted.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
