package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoshContextIdTest {

  private static final String LONG_ID =
      "cluster:3f6e2a4c-8f1b-4c52-9a55-0d1e2f3a4b5c/op/9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e/deploy";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RouteDispatcher bosh =
      new RouteDispatcher()
          .on("GET /info", Bosh.json(Bosh.BASIC_INFO))
          .on("POST /deployments", Bosh.redirectToTask(5))
          .on("GET /tasks", Bosh.json("[]"));
  private HttpBoshDirector director;

  @BeforeEach
  void setUp() {
    server.setDispatcher(bosh);
    director = Bosh.director(server);
  }

  @Test
  void shortIdsAreSentAsTheyAre() {
    assertThat(ContextIds.wire("op-1/deploy")).isEqualTo("op-1/deploy");
    assertThat(ContextIds.wire(null)).isNull();
  }

  @Test
  void longIdsBecomeAStableDigestOfAtMost64Characters() {
    String wire = ContextIds.wire(LONG_ID);

    assertThat(LONG_ID).hasSizeGreaterThan(ContextIds.MAX_LENGTH);
    assertThat(wire).hasSizeLessThanOrEqualTo(ContextIds.MAX_LENGTH).startsWith("cluster:3f6e");
    assertThat(ContextIds.wire(LONG_ID)).isEqualTo(wire);
    assertThat(ContextIds.wire(LONG_ID.replace("deploy", "delete"))).isNotEqualTo(wire);
  }

  @Test
  void theHeaderAndTheLookupUseTheSameHashedId() {
    director.deploy("name: pg-1\n", LONG_ID, DeployOptions.defaults());
    director.tasksByContextId(LONG_ID, "pg-1");

    String sent = bosh.requests("POST /deployments").get(0).getHeaders().get("X-Bosh-Context-Id");
    RecordedRequest lookup = bosh.requests("GET /tasks").get(0);
    assertThat(sent).isEqualTo(ContextIds.wire(LONG_ID));
    assertThat(lookup.getUrl().queryParameter("context_id")).isEqualTo(sent);
    assertThat(lookup.getUrl().queryParameter("deployment")).isEqualTo("pg-1");
    assertThat(lookup.getUrl().queryParameter("verbose")).isEqualTo("2");
  }
}
