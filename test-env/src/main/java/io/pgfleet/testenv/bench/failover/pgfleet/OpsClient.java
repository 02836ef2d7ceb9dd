package io.pgfleet.testenv.bench.failover.pgfleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The operations API reads the benchmark needs (bearer admin token). */
final class OpsClient {

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
  JsonNode cluster(String id) throws IOException, InterruptedException {
    return get("/api/v1/clusters/" + id);
  }

  /** {@code GET /api/v1/clusters/{id}/operations}: recent operations with their steps. */
  JsonNode operations(String id) throws IOException, InterruptedException {
    return get("/api/v1/clusters/" + id + "/operations");
  }

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
