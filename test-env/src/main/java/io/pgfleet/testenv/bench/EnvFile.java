package io.pgfleet.testenv.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads the shell-sourceable {@code .pgfleet/env} that {@code ./pgfleet up} writes. */
public final class EnvFile {

  private EnvFile() {}

  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
      }
    }
    return values;
  }

  public static String require(Map<String, String> env, String key, Path file) {
    String value = env.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(key + " is missing from " + file + "; run ./pgfleet up");
    }
    return value;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("'") && value.endsWith("'")
            || value.startsWith("\"") && value.endsWith("\""))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
