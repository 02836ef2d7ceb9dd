package io.pgfleet.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Workflow histories stored under {@code src/test/resources/histories}, replayed by the replay
 * tests. They are recorded once and kept: a later change of a workflow must still replay them, as
 * it must replay the histories of workflows running in production when the change is deployed.
 *
 * <p>Record them again, deliberately, with {@code ./mvnw -B -pl workflows test
 * -Dpgfleet.regenerateHistories=true -Dtest='*ReplayTest'} and commit the new files together with
 * the (versioned) workflow change that needed them.
 */
public final class StoredHistories {

  public static final String REGENERATE_PROPERTY = "pgfleet.regenerateHistories";

  /** Relative to the module directory, where Maven runs the tests. */
  private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "histories");

  private StoredHistories() {}

  /**
   * The stored history {@code name}; when regenerating, first records it anew with {@code record}
   * (which runs the workflow and fetches its history) and overwrites the stored file.
   */
  public static WorkflowExecutionHistory load(
      String name, Supplier<WorkflowExecutionHistory> record) {
    if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
      WorkflowExecutionHistory history = record.get();
      write(SOURCE_DIR.resolve(name + ".json"), history.toJson(true));
      return history;
    }
    return WorkflowExecutionHistory.fromJson(read("histories/" + name + ".json"));
  }

  private static String read(String resource) {
    try (InputStream in = StoredHistories.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in)
          .as(
              "stored history %s is missing; record it with -D%s=true",
              resource, REGENERATE_PROPERTY)
          .isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  private static void write(Path file, String json) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file.toAbsolutePath(), e);
    }
  }
}
