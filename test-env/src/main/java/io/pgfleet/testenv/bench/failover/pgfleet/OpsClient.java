package io.pgfleet.testenv.bench.failover.pgfleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The operations API calls the benchmarks need (bearer admin token). */
public final class OpsClient {

  /** Queries answer from workflow state; a gateway slower than this is reported, not waited on. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String apiUrl;
  private final String token;

  OpsClient(String apiUrl, String token) {
    this.apiUrl = apiUrl.replaceAll("/+$", "");
    this.token = token;
  }

  /** {@code GET /api/v1/clusters/{id}}: phase, nodes (name, role, host, port), endpoints. */
  public JsonNode cluster(String id) throws IOException, InterruptedException {
    return get("/api/v1/clusters/" + id);
  }

  /** {@code GET /api/v1/clusters/{id}/operations}: recent operations with their steps. */
  JsonNode operations(String id) throws IOException, InterruptedException {
    return get("/api/v1/clusters/" + id + "/operations");
  }

  /** {@code GET /api/v1/operations/{opId}}: type, state, steps, error. */
  public JsonNode operation(String operationId) throws IOException, InterruptedException {
    return get("/api/v1/operations/" + operationId);
  }

  /**
   * {@code POST path} with a JSON body; the status and the parsed answer (a 202 carries the
   * operation to follow, a 422 ConcurrencyError means "retry later").
   */
  public Answer post(String path, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    String body = answer.body();
    return new Answer(
        answer.statusCode(),
        body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
  }

  /** A POST's status and JSON body. */
  public record Answer(int status, JsonNode body) {}

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return JSON.readTree(answer.body());
  }
}
