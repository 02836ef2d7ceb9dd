package io.pgfleet.testenv.temporal;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the pgfleet repository root, which holds temporal-config/ and .venv-temporal/. */
public final class PgfleetHome {

  /** Set by scripts that run from elsewhere; otherwise the working directory is searched upward. */
  public static final String ENV_VARIABLE = "PGFLEET_HOME";

  private PgfleetHome() {}

  /**
   * The repository root: {@code $PGFLEET_HOME}, else the nearest directory at or above the working
   * directory (Maven runs tests in the module directory) that holds the search attributes file.
   */
  public static Path locate() {
    String fromEnv = System.getenv(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SearchAttributesFile.RELATIVE_PATH))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the pgfleet repository root: no "
            + SearchAttributesFile.RELATIVE_PATH
            + " at or above "
            + start
            + "; set "
            + ENV_VARIABLE);
  }
}
