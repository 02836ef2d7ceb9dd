package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.manifest.ManifestParser;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.TaskRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code GET /deployments}, {@code POST /deployments} (text/yaml; recreate, canaries,
 * max_in_flight, skip_drain … accepted and ignored), {@code GET /deployments/:d} and {@code DELETE
 * /deployments/:d} (force accepted).
 */
final class DeploymentsHandler {

  private final DirectorContext director;

  DeploymentsHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router
        .get(
            "/deployments/?", (exchange, path) -> exchange.json(200, list(), DirectorExchange.HTML))
        .add("POST", "/deployments/?", Router.YAML, (exchange, path) -> deploy(exchange))
        .get("/deployments/([^/]+)", this::manifest)
        .delete("/deployments/([^/]+)", this::delete);
  }

  static DeploymentRecord find(DirectorContext director, Matcher path) {
    String name = DirectorExchange.decode(path.group(1));
    return director
        .store()
        .deployment(name)
        .orElseThrow(() -> DirectorError.deploymentNotFound(name));
  }

  private List<Map<String, Object>> list() {
    return director.store().get().deployments().stream().map(DeploymentsHandler::summary).toList();
  }

  private static Map<String, Object> summary(DeploymentRecord deployment) {
    Manifest manifest =
        deployment.manifest() == null ? null : ManifestParser.parse(deployment.manifest());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", deployment.name());
    view.put(
        "releases",
        manifest == null
            ? List.of()
            : manifest.releases().stream()
                .map(r -> Map.of("name", r.name(), "version", String.valueOf(r.version())))
                .toList());
    view.put(
        "stemcells",
        manifest == null
            ? List.of()
            : manifest.stemcells().stream()
                .map(
                    s ->
                        Map.of(
                            "name", String.valueOf(s.name() != null ? s.name() : s.os()),
                            "version", String.valueOf(s.version())))
                .toList());
    view.put("cloud_config", "none");
    view.put("teams", List.of());
    return view;
  }

  private void deploy(DirectorExchange exchange) throws Exception {
    String manifest = exchange.bodyText();
    String name = ManifestParser.checkRequestBody(manifest);
    TaskRecord task =
        director
            .tasks()
            .submit(
                exchange.user(),
                "create deployment",
                name,
                exchange.contextId(),
                JobSpec.deploy(name, manifest));
    exchange.redirectToTask(task.id());
  }

  private void manifest(DirectorExchange exchange, Matcher path) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("manifest", find(director, path).manifest());
    exchange.json(200, body, DirectorExchange.HTML);
  }

  private void delete(DirectorExchange exchange, Matcher path) throws Exception {
    DeploymentRecord deployment = find(director, path);
    TaskRecord task =
        director
            .tasks()
            .submit(
                exchange.user(),
                "delete deployment " + deployment.name(),
                deployment.name(),
                exchange.contextId(),
                JobSpec.delete(deployment.name(), "true".equals(exchange.query("force"))));
    exchange.redirectToTask(task.id());
  }
}
