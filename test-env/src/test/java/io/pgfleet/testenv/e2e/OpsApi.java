package io.pgfleet.testenv.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** The operations API of a {@link LocalStack}, with its admin token; answers as JSON. */
final class OpsApi {

  /** One answer: status and body (an empty object when the body is not JSON). */
  record Reply(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final LocalStack stack;

  OpsApi(LocalStack stack) {
    this.stack = stack;
  }

  /** GET that must answer 200. */
  JsonNode get(String path) throws IOException, InterruptedException {
    Reply reply = send(request(path).GET());
    if (reply.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + reply.status() + ": " + reply.body());
    }
    return reply.body();
  }

  Reply post(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  JsonNode cluster(String id) throws IOException, InterruptedException {
    return get("/api/v1/clusters/" + id);
  }

  /** The node with that role (primary, standby), if the cluster view has one. */
  Optional<JsonNode> node(String clusterId, String role) throws IOException, InterruptedException {
    for (JsonNode node : cluster(clusterId).path("nodes")) {
      if (role.equals(node.path("role").asText())) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** One operation of the cluster, with live steps (also one the data plane started). */
  JsonNode operation(String clusterId, String operationId)
      throws IOException, InterruptedException {
    return get("/api/v1/clusters/" + clusterId + "/operations/" + operationId);
  }

  JsonNode operations(String clusterId) throws IOException, InterruptedException {
    return get("/api/v1/clusters/" + clusterId + "/operations");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
        .header("Authorization", "Bearer " + stack.adminToken);
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException notJson) {
      body = JSON.createObjectNode().put("text", response.body());
    }
    return new Reply(response.statusCode(), body);
  }
}
