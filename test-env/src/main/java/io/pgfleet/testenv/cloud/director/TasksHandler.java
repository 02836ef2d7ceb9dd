package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.TaskRecord;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** {@code GET /tasks}, {@code GET /tasks/:id}, {@code DELETE /task/:id}; output is separate. */
final class TasksHandler {

  /** verbose=1 (the default) lists only these task types; verbose=2 lists vms tasks too. */
  private static final Set<String> IMPORTANT_TYPES =
      Set.of(JobSpec.UPDATE_DEPLOYMENT, JobSpec.DELETE_DEPLOYMENT, JobSpec.ATTACH_DISK);

  private final DirectorContext director;

  TasksHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router
        .get(
            "/tasks", (exchange, path) -> exchange.json(200, list(exchange), DirectorExchange.JSON))
        .get(
            "/tasks/([^/]+)",
            (exchange, path) ->
                exchange.json(200, view(find(path.group(1))), DirectorExchange.JSON))
        .delete("/task/([^/]+)", (exchange, path) -> cancel(exchange, path.group(1)));
    new TaskOutputHandler(director).register(router);
  }

  TaskRecord find(String rawId) {
    return findTask(director, rawId);
  }

  static TaskRecord findTask(DirectorContext director, String rawId) {
    String id = DirectorExchange.decode(rawId);
    try {
      return director
          .store()
          .task(Long.parseLong(id))
          .orElseThrow(() -> DirectorError.taskNotFound(id));
    } catch (NumberFormatException e) {
      throw DirectorError.taskNotFound(id);
    }
  }

  private List<Map<String, Object>> list(DirectorExchange exchange) {
    Stream<TaskRecord> tasks =
        director.store().get().tasks().stream()
            .sorted(Comparator.comparingLong(TaskRecord::id).reversed());
    String states = exchange.query("state");
    if (states != null && !states.isEmpty()) {
      Set<String> wanted = Set.copyOf(Arrays.asList(states.split(",")));
      tasks = tasks.filter(t -> wanted.contains(t.state()));
    }
    String verbose = exchange.query("verbose");
    if (verbose == null || "1".equals(verbose)) {
      tasks = tasks.filter(t -> IMPORTANT_TYPES.contains(t.spec().type()));
    }
    String contextId = exchange.query("context_id");
    if (contextId != null) {
      tasks = tasks.filter(t -> contextId.equals(t.contextId()));
    }
    String deployment = exchange.query("deployment");
    if (deployment != null) {
      tasks = tasks.filter(t -> deployment.equals(t.deployment()));
    }
    String limit = exchange.query("limit");
    if (limit != null) {
      tasks = tasks.limit(Math.max(1, parseOrZero(limit)));
    }
    return tasks.map(TasksHandler::view).toList();
  }

  private void cancel(DirectorExchange exchange, String rawId) throws Exception {
    TaskRecord task = find(rawId);
    if (director.tasks().cancel(task.id())) {
      exchange.empty(204);
    } else {
      String state = director.store().task(task.id()).map(TaskRecord::state).orElse(task.state());
      exchange.text(
          400,
          "Cannot cancel task " + task.id() + ": invalid state (" + state + ")",
          DirectorExchange.HTML);
    }
  }

  /** A task exactly as BOSH's task_to_hash shows it. */
  static Map<String, Object> view(TaskRecord task) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", task.id());
    view.put("state", task.state());
    view.put("description", task.description());
    view.put("timestamp", task.timestamp());
    view.put("started_at", task.startedAt());
    view.put("result", task.result());
    view.put("user", task.user());
    view.put("deployment", task.deployment());
    view.put("context_id", task.contextId());
    return view;
  }

  private static int parseOrZero(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
