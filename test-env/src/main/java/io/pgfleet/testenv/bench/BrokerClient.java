package io.pgfleet.testenv.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The few Open Service Broker calls benchmarks and smoke checks make, over plain HTTP. */
public final class BrokerClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String apiUrl;
  private final String authorization;

  public BrokerClient(String apiUrl, String user, String password) {
    this.apiUrl = apiUrl.replaceAll("/+$", "");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A status code and the parsed JSON body (an empty object when there is none). */
  public record Answer(int status, JsonNode body) {}

  public Answer provision(String instanceId, String serviceId, String planId)
      throws IOException, InterruptedException {
    String body =
        JSON.createObjectNode()
            .put("service_id", serviceId)
            .put("plan_id", planId)
            .put("organization_guid", "bench-org")
            .put("space_guid", "bench-space")
            .toString();
    return send(
        "PUT",
        "/v2/service_instances/" + instanceId + "?accepts_incomplete=true",
        HttpRequest.BodyPublishers.ofString(body));
  }

  public Answer lastOperation(String instanceId, String operation)
      throws IOException, InterruptedException {
    return send(
        "GET",
        "/v2/service_instances/" + instanceId + "/last_operation?operation=" + operation,
        HttpRequest.BodyPublishers.noBody());
  }

  public Answer deprovision(String instanceId, String serviceId, String planId)
      throws IOException, InterruptedException {
    return send(
        "DELETE",
        "/v2/service_instances/%s?accepts_incomplete=true&service_id=%s&plan_id=%s"
            .formatted(instanceId, serviceId, planId),
        HttpRequest.BodyPublishers.noBody());
  }

  public Answer bind(String instanceId, String bindingId, String serviceId, String planId)
      throws IOException, InterruptedException {
    String body =
        JSON.createObjectNode().put("service_id", serviceId).put("plan_id", planId).toString();
    return send(
        "PUT",
        "/v2/service_instances/" + instanceId + "/service_bindings/" + bindingId,
        HttpRequest.BodyPublishers.ofString(body));
  }

  public Answer unbind(String instanceId, String bindingId, String serviceId, String planId)
      throws IOException, InterruptedException {
    return send(
        "DELETE",
        "/v2/service_instances/%s/service_bindings/%s?service_id=%s&plan_id=%s"
            .formatted(instanceId, bindingId, serviceId, planId),
        HttpRequest.BodyPublishers.noBody());
  }

  private Answer send(String method, String path, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", authorization)
            .header("X-Broker-API-Version", "2.17")
            .header("Content-Type", "application/json")
            .method(method, body)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    JsonNode json = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    return new Answer(response.statusCode(), json);
  }
}
