package io.pgfleet.workflows.cluster;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden histories under src/test/resources/histories. Replay tests read them from the classpath;
 * with {@code -Dpgfleet.recordHistories=true} they run their scenario and rewrite the file first,
 * which is only right after a deliberate, versioned change of the workflow.
 */
final class RecordedHistories {

  static final String RECORD_PROPERTY = "pgfleet.recordHistories";

  /** Surefire runs tests in the module directory. */
  private static final Path SOURCE_DIR = Path.of("src", "test", "resources");

  private RecordedHistories() {}

  static boolean recording() {
    return Boolean.getBoolean(RECORD_PROPERTY);
  }

  static Path file(String resource) {
    return SOURCE_DIR.resolve(resource);
  }

  static void write(String resource, WorkflowExecutionHistory history) {
    Path file = file(resource);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, history.toJson(true) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write recorded history " + file.toAbsolutePath(), e);
    }
  }
}
