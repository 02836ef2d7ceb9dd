package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.jobs.InstanceViews;
import io.pgfleet.testenv.cloud.manifest.ManifestParser;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.TaskRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instances of a deployment: {@code GET …/instances|vms[?format=full]}, {@code GET
 * …/jobs/:job/:index_or_id}, and state changes {@code PUT …/jobs/:job[/:index_or_id]?state=}
 * (text/yaml, empty body or a manifest to deploy first).
 */
final class InstancesHandler {

  private static final Pattern UUID_LIKE = Pattern.compile("^[A-Fa-f0-9]{8}-[A-Fa-f0-9-]{27}$");
  private static final Pattern DIGITS = Pattern.compile("^\\d+$");

  private final DirectorContext director;

  InstancesHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router
        .get("/deployments/([^/]+)/(instances|vms)", this::list)
        .get("/deployments/([^/]+)/jobs/([^/]+)/([^/]+)", this::show)
        .add("PUT", "/deployments/([^/]+)/jobs/([^/]+)/([^/]+)", Router.YAML, this::changeOne)
        .add("PUT", "/deployments/([^/]+)/jobs/([^/]+)", Router.YAML, this::changeGroup);
  }

  private void list(DirectorExchange exchange, Matcher path) throws Exception {
    DeploymentRecord deployment = DeploymentsHandler.find(director, path);
    boolean instancesRoute = "instances".equals(path.group(2));
    if ("full".equals(exchange.query("format"))) {
      TaskRecord task =
          director
              .tasks()
              .submit(
                  exchange.user(),
                  "retrieve vm-stats",
                  deployment.name(),
                  "",
                  JobSpec.vmState(deployment.name(), instancesRoute));
      exchange.redirectToTask(task.id());
      return;
    }
    List<Map<String, Object>> views =
        deployment.instances().stream()
            .filter(i -> instancesRoute || i.hasVm())
            .map(i -> InstanceViews.brief(i, instancesRoute))
            .toList();
    exchange.json(200, views, DirectorExchange.HTML);
  }

  private void show(DirectorExchange exchange, Matcher path) throws Exception {
    DeploymentRecord deployment = DeploymentsHandler.find(director, path);
    InstanceRecord instance = find(deployment, path);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("deployment", deployment.name());
    view.put("job", instance.group());
    view.put("index", instance.index());
    view.put("id", instance.id());
    view.put("state", instance.state());
    view.put("disks", instance.diskCid() == null ? List.of() : List.of(instance.diskCid()));
    exchange.json(200, view, DirectorExchange.HTML);
  }

  private void changeOne(DirectorExchange exchange, Matcher path) throws Exception {
    DeploymentRecord deployment = DeploymentsHandler.find(director, path);
    String indexOrId = DirectorExchange.decode(path.group(3));
    if (!DIGITS.matcher(indexOrId).matches() && !UUID_LIKE.matcher(indexOrId).matches()) {
      throw DirectorError.badRequest(
          DirectorError.INSTANCE_INVALID_INDEX, "Invalid instance index or id '" + indexOrId + "'");
    }
    InstanceRecord instance = find(deployment, path);
    submit(exchange, deployment, instance.group(), instance.id());
  }

  private void changeGroup(DirectorExchange exchange, Matcher path) throws Exception {
    DeploymentRecord deployment = DeploymentsHandler.find(director, path);
    submit(exchange, deployment, DirectorExchange.decode(path.group(2)), null);
  }

  private void submit(
      DirectorExchange exchange, DeploymentRecord deployment, String group, String instanceId)
      throws Exception {
    String body = exchange.bodyText();
    String manifest = null;
    if (!body.isEmpty()) {
      ManifestParser.tree(body);
      manifest = body;
    }
    String state = exchange.query("state");
    JobSpec spec =
        state == null
            ? JobSpec.deploy(deployment.name(), manifest != null ? manifest : deployment.manifest())
            : JobSpec.changeState(deployment.name(), manifest, group, instanceId, state);
    TaskRecord task =
        director
            .tasks()
            .submit(
                exchange.user(),
                "create deployment",
                deployment.name(),
                exchange.contextId(),
                spec);
    exchange.redirectToTask(task.id());
  }

  private static InstanceRecord find(DeploymentRecord deployment, Matcher path) {
    String group = DirectorExchange.decode(path.group(2));
    String indexOrId = DirectorExchange.decode(path.group(3));
    return deployment.instances().stream()
        .filter(i -> i.group().equals(group))
        .filter(
            i ->
                DIGITS.matcher(indexOrId).matches()
                    ? Integer.toString(i.index()).equals(indexOrId.replaceFirst("^0+(?=.)", ""))
                    : i.id().equals(indexOrId))
        .findFirst()
        .orElseThrow(() -> DirectorError.instanceNotFound(deployment.name(), group, indexOrId));
  }
}
