package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.task.DeploymentLocks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /locks}: the deployment locks running tasks hold. */
final class LocksHandler {

  private final DirectorContext director;

  LocksHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router.get(
        "/locks",
        (exchange, path) ->
            exchange.json(
                200,
                director.locks().held().stream().map(LocksHandler::view).toList(),
                DirectorExchange.JSON));
  }

  private static Map<String, Object> view(DeploymentLocks.Held lock) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", "deployment");
    view.put("resource", List.of(lock.deployment()));
    view.put("timeout", lock.timeout());
    view.put("task_id", Long.toString(lock.taskId()));
    return view;
  }
}
