package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** A plain java.net.http client of the Director API for tests (deliberately not pgfleet's). */
final class DirectorClient {

  private static final Pattern TASK_PATH = Pattern.compile("/tasks/(\\d+)$");
  private static final Set<String> RUNNING = Set.of("queued", "processing", "cancelling");
  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 25;
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final String authorization;

  DirectorClient(URI base, String user, String password) {
    this(base, user, password, null);
  }

  DirectorClient(URI base, String user, String password, SSLContext tls) {
    this.base = base;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", authorization);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  HttpResponse<String> postYaml(String path, String body, String contextId)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "text/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contextId != null) {
      request.header("X-Bosh-Context-Id", contextId);
    }
    return send(request);
  }

  HttpResponse<String> putYaml(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "text/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  static long taskId(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    Matcher m = TASK_PATH.matcher(location);
    assertThat(m.find()).as(location).isTrue();
    return Long.parseLong(m.group(1));
  }

  JsonNode task(long id) throws IOException, InterruptedException {
    return JSON.readTree(get("/tasks/" + id).body());
  }

  /** Polls the task until it reaches a final state. */
  JsonNode awaitTask(long id) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
    while (true) {
      JsonNode task = task(id);
      if (!RUNNING.contains(task.get("state").asText())) {
        return task;
      }
      assertThat(System.nanoTime()).as("task %d still running", id).isLessThan(deadline);
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Submits a request that answers with a task and waits for the task. */
  JsonNode run(HttpResponse<String> redirect) throws IOException, InterruptedException {
    return awaitTask(taskId(redirect));
  }

  JsonNode deploy(String manifest) throws IOException, InterruptedException {
    return run(postYaml("/deployments", manifest, null));
  }

  String output(long taskId, String type) throws IOException, InterruptedException {
    return get("/tasks/" + taskId + "/output?type=" + type).body();
  }

  static List<JsonNode> ndjson(String text) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** {@code instances?format=full}: the task's result lines. */
  List<JsonNode> instances(String deployment) throws IOException, InterruptedException {
    JsonNode task = run(get("/deployments/" + deployment + "/instances?format=full"));
    assertThat(task.get("state").asText()).isEqualTo("done");
    return ndjson(output(task.get("id").asLong(), "result"));
  }

  static JsonNode instance(List<JsonNode> instances, String group, int index) {
    return instances.stream()
        .filter(i -> i.get("job_name").asText().equals(group) && i.get("index").asInt() == index)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no instance " + group + "/" + index));
  }
}
