package io.pgfleet.testenv.cloud.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A task's event log in BOSH's NDJSON shapes: stage events ({@code time, stage, tags, total, task,
 * index, state, progress[, data]}), warnings ({@code time, type, message}) and the final error
 * entry ({@code time, error: {code, message}}), keys in BOSH's order.
 */
public final class EventLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskOutputs outputs;
  private final long taskId;

  EventLog(TaskOutputs outputs, long taskId) {
    this.outputs = outputs;
    this.taskId = taskId;
  }

  public Stage beginStage(String name, int total, List<String> tags) {
    return new Stage(name, total, tags);
  }

  public void warning(String message) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("time", now());
    entry.put("type", "warning");
    entry.put("message", message);
    write(entry);
  }

  public void error(int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("time", now());
    entry.put("error", error);
    write(entry);
  }

  private void write(Map<String, Object> entry) {
    try {
      outputs.append(taskId, TaskOutputs.EVENT, JSON.writeValueAsString(entry) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode event of task " + taskId, e);
    }
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /**
   * A group of steps shown as one progress bar; each step logs started, then finished or failed.
   */
  public final class Stage {
    private final String name;
    private final int total;
    private final List<String> tags;
    private int index;

    private Stage(String name, int total, List<String> tags) {
      this.name = name;
      this.total = total;
      this.tags = List.copyOf(tags);
    }

    public <T> T track(String task, Callable<T> step) throws Exception {
      int stepIndex;
      synchronized (this) {
        stepIndex = ++index;
      }
      log(task, stepIndex, "started", 0, null);
      T result;
      try {
        result = step.call();
      } catch (Exception e) {
        log(task, stepIndex, "failed", 100, Map.of("error", String.valueOf(e.getMessage())));
        throw e;
      }
      log(task, stepIndex, "finished", 100, null);
      return result;
    }

    public void run(String task, Step step) throws Exception {
      track(
          task,
          () -> {
            step.run();
            return null;
          });
    }

    private void log(String task, int stepIndex, String state, int progress, Object data) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("time", now());
      entry.put("stage", name);
      entry.put("tags", tags);
      entry.put("total", total);
      entry.put("task", task);
      entry.put("index", stepIndex);
      entry.put("state", state);
      entry.put("progress", progress);
      if (data != null) {
        entry.put("data", data);
      }
      write(entry);
    }
  }

  /** A step without a result. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }
}
