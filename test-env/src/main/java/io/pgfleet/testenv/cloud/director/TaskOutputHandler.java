package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.state.TaskRecord;
import io.pgfleet.testenv.cloud.task.TaskOutputs;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /tasks/:id/output?type=event|result|debug|none} with {@code Range: bytes=N-}: 206 and
 * {@code Content-Range} for new bytes, 416 (with {@code bytes *}{@code /size}) when there are none,
 * 204 before the task has any output, 200 with everything without a Range header.
 */
final class TaskOutputHandler {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final DirectorContext director;

  TaskOutputHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router.get("/tasks/([^/]+)/output", this::output);
  }

  private void output(DirectorExchange exchange, Matcher path) throws Exception {
    String type = Optional.ofNullable(exchange.query("type")).orElse(TaskOutputs.DEBUG);
    if ("none".equals(type)) {
      exchange.empty(204);
      return;
    }
    TaskRecord task = TasksHandler.findTask(director, path.group(1));
    boolean started = task.startedAt() != null || !task.isRunning();
    Optional<byte[]> output =
        TaskOutputs.TYPES.contains(type) && started
            ? director.outputs().read(task.id(), type)
            : Optional.empty();
    if (output.isEmpty()) {
      exchange.empty(204);
      return;
    }
    byte[] bytes = output.get();
    String range = exchange.header("Range");
    Matcher m = range == null ? null : RANGE.matcher(range.trim());
    if (m == null || !m.matches() || m.group(1).isEmpty()) {
      exchange.send(200, bytes, DirectorExchange.TEXT);
      return;
    }
    long first = Long.parseLong(m.group(1));
    if (first >= bytes.length) {
      exchange.header("Content-Range", "bytes */" + bytes.length);
      exchange.text(416, "Byte range unsatisfiable", DirectorExchange.TEXT);
      return;
    }
    long last =
        m.group(2).isEmpty()
            ? bytes.length - 1
            : Math.min(Long.parseLong(m.group(2)), bytes.length - 1);
    exchange.header("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
    exchange.send(
        206, Arrays.copyOfRange(bytes, (int) first, (int) last + 1), DirectorExchange.TEXT);
  }
}
