package io.pgfleet.testenv.cloud.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PUT /deployments/:d/instance_groups/:ig/:index_or_id/ignore} (application/json {@code
 * {"ignore": true|false}}), as BOSH's {@code InstanceIgnoreManager}: the flag is stored at once, no
 * task and no lock, and the answer is 200 with no body. Deploys then skip the instance (see
 * DeploymentConverger) and a state change naming it fails with 140021.
 */
final class IgnoreHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIGITS = Pattern.compile("^\\d+$");

  private final DirectorContext director;

  IgnoreHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router.add(
        "PUT",
        "/deployments/([^/]+)/instance_groups/([^/]+)/([^/]+)/ignore",
        DirectorExchange.JSON,
        this::setIgnore);
  }

  private void setIgnore(DirectorExchange exchange, Matcher path) throws Exception {
    DeploymentRecord deployment = DeploymentsHandler.find(director, path);
    String group = DirectorExchange.decode(path.group(2));
    String indexOrId = DirectorExchange.decode(path.group(3));
    InstanceRecord instance =
        deployment.instances().stream()
            .filter(i -> i.group().equals(group))
            .filter(
                i ->
                    DIGITS.matcher(indexOrId).matches()
                        ? Integer.toString(i.index()).equals(indexOrId)
                        : i.id().equals(indexOrId))
            .findFirst()
            .orElseThrow(() -> DirectorError.instanceNotFound(deployment.name(), group, indexOrId));
    JsonNode ignore = JSON.readTree(exchange.bodyText()).path("ignore");
    if (!ignore.isBoolean()) {
      throw DirectorError.badRequest(
          DirectorError.INVALID_TYPE,
          "Property 'ignore' value (" + ignore + ") did not match the required type 'Boolean'");
    }
    director.store().setIgnore(deployment.name(), instance.id(), ignore.booleanValue());
    exchange.empty(200);
  }
}
