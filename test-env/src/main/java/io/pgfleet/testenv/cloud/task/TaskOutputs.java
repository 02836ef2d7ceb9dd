package io.pgfleet.testenv.cloud.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Task output files, laid out like the Director's {@code tasks/<id>/{event,result,debug}}: the
 * event log and result are NDJSON/text that clients read with {@code Range: bytes=N-} while the
 * task runs, so they are only ever appended to.
 */
public final class TaskOutputs {

  public static final String EVENT = "event";
  public static final String RESULT = "result";
  public static final String DEBUG = "debug";
  public static final Set<String> TYPES = Set.of(EVENT, RESULT, DEBUG);

  private final Path dir;

  public TaskOutputs(Path tasksDir) {
    this.dir = tasksDir;
  }

  /** Creates the task's (empty) output files when a worker picks it up. */
  public void prepare(long taskId) {
    try {
      Path taskDir = Files.createDirectories(dir.resolve(Long.toString(taskId)));
      for (String type : TYPES) {
        Path file = taskDir.resolve(type);
        if (!Files.exists(file)) {
          Files.createFile(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create output files of task " + taskId, e);
    }
  }

  public synchronized void append(long taskId, String type, String text) {
    Path file = dir.resolve(Long.toString(taskId)).resolve(type);
    try {
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + file, e);
    }
  }

  /** The whole output of one type, or empty when the task never started. */
  public synchronized Optional<byte[]> read(long taskId, String type) {
    Path file = dir.resolve(Long.toString(taskId)).resolve(type);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
