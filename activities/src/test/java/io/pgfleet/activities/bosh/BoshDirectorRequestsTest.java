package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoshDirectorRequestsTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RouteDispatcher bosh =
      new RouteDispatcher().on("GET /info", Bosh.json(Bosh.BASIC_INFO));
  private HttpBoshDirector director;

  @BeforeEach
  void setUp() {
    server.setDispatcher(bosh);
    director = Bosh.director(server);
  }

  @Test
  void unauthorizedTextBecomesAnAuthException() {
    bosh.on("GET /deployments", Bosh.text(401, "Not authorized: '/deployments'\n"));

    assertThatThrownBy(director::deployments)
        .isInstanceOfSatisfying(
            BoshAuthException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isNull();
              assertThat(e.description()).isEqualTo("Not authorized: '/deployments'");
            });
  }

  @Test
  void directorErrorBodyBecomesStatusCodeAndDescription() {
    bosh.on(
        "DELETE /deployments/gone",
        Bosh.text(404, "{\"code\":70000,\"description\":\"Deployment 'gone' doesn't exist\"}"));

    assertThatThrownBy(() -> director.deleteDeployment("gone", "op-1/delete", false))
        .isInstanceOfSatisfying(
            BoshApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.hasCode(BoshApiException.DEPLOYMENT_NOT_FOUND)).isTrue();
              assertThat(e.description()).isEqualTo("Deployment 'gone' doesn't exist");
              assertThat(e.getMessage()).contains("DELETE /deployments/gone", "70000");
            });
  }

  @Test
  void manifestOfAMissingDeploymentIsEmpty() {
    bosh.on("GET /deployments/gone", Bosh.text(404, "{\"code\":70000,\"description\":\"no\"}"));
    bosh.on("GET /deployments/pg-1", Bosh.json("{\"manifest\":\"name: pg-1\\n\"}"));

    assertThat(director.manifest("gone")).isEmpty();
    assertThat(director.manifest("pg-1")).contains("name: pg-1\n");
  }

  @Test
  void serverErrorsAndUnreachableDirectorsAreUnavailable() throws IOException {
    bosh.on("GET /locks", Bosh.text(500, ""));
    assertThatThrownBy(director::locks)
        .isInstanceOf(BoshUnavailableException.class)
        .hasMessageContaining("HTTP 500");

    MockWebServer stopped = new MockWebServer();
    stopped.start();
    String url = stopped.url("/").toString();
    stopped.close();
    assertThatThrownBy(() -> new HttpBoshDirector(Bosh.config(url)).info())
        .isInstanceOf(BoshUnavailableException.class)
        .hasMessageContaining("cannot reach");
  }

  @Test
  void stateChangeSendsAnEmptyYamlBodyToTheEncodedInstancePath() {
    bosh.on("PUT /deployments/pg-1/jobs/postgres/0", Bosh.redirectToTask(9));

    long taskId = director.changeJobState("pg-1", "postgres", "0", "detached", "op-2/stop");

    assertThat(taskId).isEqualTo(9);
    RecordedRequest put = bosh.requests("PUT ").get(0);
    assertThat(put.getTarget()).isEqualTo("/deployments/pg-1/jobs/postgres/0?state=detached");
    assertThat(put.getHeaders().get("Content-Type")).isEqualTo("text/yaml");
    assertThat(put.getBodySize()).isZero();
  }

  @Test
  void aRedirectIsNeverFollowed() {
    bosh.on("POST /deployments", Bosh.redirectToTask(12));

    director.deploy("name: pg-1\n", null, new DeployOptions(true, false, true, "1", "30%"));

    RecordedRequest post = bosh.requests("POST ").get(0);
    assertThat(post.getTarget())
        .isEqualTo("/deployments?recreate=true&skip_drain=*&canaries=1&max_in_flight=30%25");
    assertThat(post.getHeaders().get("X-Bosh-Context-Id")).isNull();
    assertThat(bosh.requests("GET /tasks")).isEmpty();
  }

  @Test
  void listsParseAndIgnoreUnknownFields() {
    bosh.on(
        "GET /deployments",
        Bosh.json(
            "[{\"name\":\"pg-1\",\"cloud_config\":\"latest\",\"releases\":[{\"name\":\"postgres\","
                + "\"version\":\"43\"}],\"stemcells\":[],\"teams\":[],\"locked\":true}]"));
    bosh.on(
        "GET /locks",
        Bosh.json(
            "[{\"type\":\"deployment\",\"resource\":[\"pg-1\"],\"timeout\":\"1724333000.12\","
                + "\"task_id\":\"1187\"}]"));
    bosh.on(
        "GET /deployments/pg-1/vms",
        Bosh.json(
            "[{\"agent_id\":\"a1\",\"cid\":\"i-0abc\",\"job\":\"postgres\",\"index\":0,\"id\":\"u1\","
                + "\"az\":\"z1\",\"ips\":[\"10.0.1.5\"],\"vm_created_at\":\"2024\",\"active\":true}]"));

    assertThat(director.deployments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.name()).isEqualTo("pg-1");
              assertThat(d.locked()).isTrue();
              assertThat(d.releases().get(0).version()).isEqualTo("43");
            });
    assertThat(director.locks()).singleElement().extracting(BoshLock::taskId).isEqualTo("1187");
    assertThat(director.vms("pg-1"))
        .singleElement()
        .satisfies(vm -> assertThat(vm.ips()).containsExactly("10.0.1.5"));
    assertThat(director.info().snapshotsEnabled()).isTrue();
  }
}
