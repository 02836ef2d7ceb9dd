package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Director's HTTP surface: auth, routing, errors, tasks and their output. */
class DirectorApiIT {

  @TempDir Path stateDir;
  private TestCloud test;
  private DirectorClient client;

  @BeforeEach
  void start() throws Exception {
    test = TestCloud.start(stateDir);
    client = test.client;
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void infoNeedsNoCredentialsAndNamesTheCallerWhenGiven() throws Exception {
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(test.cloud.directorUrl().resolve("/info")).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode info = DirectorClient.JSON.readTree(anonymous.body());
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(info.get("user").isNull()).isTrue();
    assertThat(info.get("uuid").asText()).isEqualTo(test.cloud.directorUuid());
    assertThat(info.at("/user_authentication/type").asText()).isEqualTo("basic");
    assertThat(info.at("/features/snapshots/status").asBoolean()).isFalse();

    JsonNode authenticated = DirectorClient.JSON.readTree(client.get("/info").body());
    assertThat(authenticated.get("user").asText()).isEqualTo("admin");
  }

  @Test
  void wrongCredentialsGet401TextWithBasicChallenge() throws Exception {
    DirectorClient intruder =
        new DirectorClient(test.cloud.directorUrl(), "admin", "not-" + test.password);
    HttpResponse<String> response = intruder.get("/deployments");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("Not authorized: '/deployments'\n");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"BOSH Director\"");
  }

  @Test
  void yamlRoutesAnswer404TextForOtherContentTypes() throws Exception {
    HttpResponse<String> json =
        client.send(
            client
                .request("/deployments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(json.body()).isEqualTo("Endpoint '/deployments' not found.");
    assertThat(client.get("/no/such/thing").statusCode()).isEqualTo(404);
  }

  @Test
  void manifestErrorsAreRejectedBeforeAnyTask() throws Exception {
    HttpResponse<String> badYaml = client.postYaml("/deployments", "name: [unclosed", null);
    assertThat(badYaml.statusCode()).isEqualTo(400);
    assertThat(DirectorClient.JSON.readTree(badYaml.body()).get("code").asInt()).isEqualTo(440001);

    HttpResponse<String> noName = client.postYaml("/deployments", "releases: []\n", null);
    assertThat(noName.statusCode()).isEqualTo(400);
    JsonNode error = DirectorClient.JSON.readTree(noName.body());
    assertThat(error.get("code").asInt()).isEqualTo(40001);
    assertThat(error.get("description").asText())
        .isEqualTo("Deployment manifest must have a 'name' key");
    assertThat(DirectorClient.JSON.readTree(client.get("/tasks?verbose=2").body())).isEmpty();
  }

  @Test
  void deployRedirectsToATaskThatEndsDoneWithBoshEvents() throws Exception {
    HttpResponse<String> redirect =
        client.postYaml(
            "/deployments?recreate=false&canaries=1&max_in_flight=2",
            TestManifests.cluster("pg-1", 1, 1),
            "op-1/deploy");
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("http://127\\.0\\.0\\.1:\\d+/tasks/\\d+");

    JsonNode task = client.awaitTask(DirectorClient.taskId(redirect));
    assertThat(task.get("state").asText()).isEqualTo("done");
    assertThat(task.get("description").asText()).isEqualTo("create deployment");
    assertThat(task.get("result").asText()).isEqualTo("/deployments/pg-1");
    assertThat(task.get("deployment").asText()).isEqualTo("pg-1");
    assertThat(task.get("context_id").asText()).isEqualTo("op-1/deploy");
    assertThat(task.get("user").asText()).isEqualTo("admin");
    assertThat(task.get("timestamp").asLong()).isPositive();
    assertThat(task.get("started_at").asLong()).isPositive();

    List<JsonNode> events = DirectorClient.ndjson(client.output(task.get("id").asLong(), "event"));
    assertThat(events)
        .extracting(e -> e.get("stage").asText())
        .contains("Preparing deployment", "Creating missing vms", "Updating instance");
    JsonNode canary =
        events.stream()
            .filter(e -> e.get("stage").asText().equals("Updating instance"))
            .findFirst()
            .orElseThrow();
    assertThat(canary.get("tags").get(0).asText()).isEqualTo("postgres");
    assertThat(canary.get("task").asText()).matches("postgres/[0-9a-f-]{36} \\(0\\) \\(canary\\)");
    assertThat(canary.get("state").asText()).isEqualTo("started");
    assertThat(canary.get("total").asInt()).isEqualTo(1);
    assertThat(canary.fieldNames())
        .toIterable()
        .containsExactly("time", "stage", "tags", "total", "task", "index", "state", "progress");
  }

  @Test
  void tasksAreFilteredByContextIdDeploymentStateAndVerbosity() throws Exception {
    long first = client.deploy(TestManifests.cluster("pg-a", 1, 0)).get("id").asLong();
    client.run(client.postYaml("/deployments", TestManifests.cluster("pg-b", 1, 0), "ctx-b"));
    client.instances("pg-a");

    JsonNode byContext = DirectorClient.JSON.readTree(client.get("/tasks?context_id=ctx-b").body());
    assertThat(byContext).hasSize(1);
    assertThat(byContext.get(0).get("deployment").asText()).isEqualTo("pg-b");

    JsonNode byDeployment =
        DirectorClient.JSON.readTree(client.get("/tasks?deployment=pg-a&state=done").body());
    assertThat(byDeployment).extracting(t -> t.get("id").asLong()).containsExactly(first);

    JsonNode verbose = DirectorClient.JSON.readTree(client.get("/tasks?verbose=2").body());
    assertThat(verbose).hasSize(3);
    assertThat(verbose.get(0).get("description").asText()).isEqualTo("retrieve vm-stats");
    assertThat(verbose.get(0).get("id").asLong()).isGreaterThan(verbose.get(1).get("id").asLong());
    assertThat(DirectorClient.JSON.readTree(client.get("/tasks?limit=1").body())).hasSize(1);
  }

  @Test
  void taskOutputHonoursRangesAndUnknownTasksAre404() throws Exception {
    long id = client.deploy(TestManifests.cluster("pg-r", 1, 0)).get("id").asLong();
    String events = client.output(id, "event");
    int size = events.getBytes().length;

    HttpResponse<String> tail =
        client.send(
            client.request("/tasks/" + id + "/output?type=event").header("Range", "bytes=10-"));
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.headers().firstValue("Content-Range"))
        .hasValue("bytes 10-" + (size - 1) + "/" + size);
    assertThat(tail.body()).isEqualTo(events.substring(10));

    HttpResponse<String> nothingNew =
        client.send(
            client
                .request("/tasks/" + id + "/output?type=event")
                .header("Range", "bytes=" + size + "-"));
    assertThat(nothingNew.statusCode()).isEqualTo(416);
    assertThat(nothingNew.headers().firstValue("Content-Range")).hasValue("bytes */" + size);

    HttpResponse<String> missing = client.get("/tasks/9999");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(DirectorClient.JSON.readTree(missing.body()).get("code").asInt()).isEqualTo(10000);

    HttpResponse<String> cancel = client.delete("/task/" + id);
    assertThat(cancel.statusCode()).isEqualTo(400);
    assertThat(cancel.body()).isEqualTo("Cannot cancel task " + id + ": invalid state (done)");
  }

  @Test
  void contextIdsLongerThan64CharactersAreRejected() throws Exception {
    HttpResponse<String> response =
        client.postYaml("/deployments", TestManifests.cluster("pg-c", 1, 0), "x".repeat(65));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(DirectorClient.JSON.readTree(response.body()).get("code").asInt()).isEqualTo(70010);
  }

  @Test
  void unknownDeploymentIs404WithCode70000() throws Exception {
    HttpResponse<String> response = client.get("/deployments/nope");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo("{\"code\":70000,\"description\":\"Deployment 'nope' doesn't exist\"}");
    assertThat(client.delete("/deployments/nope").statusCode()).isEqualTo(404);
  }
}
