package io.pgfleet.testenv.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI dev server: starts, runs a workflow, has the search attributes, stops by pid. */
class TemporalDevServerIT {

  @TempDir Path workDir;

  @Test
  void devServerRunsWorkflowsWithSearchAttributesAndStopsByPid() throws Exception {
    requireCli();
    TemporalLaunchOptions options =
        TemporalLaunchOptions.defaults(workDir).withFallbackAllowed(false);
    long pid;
    try (TemporalServer server = TemporalLauncher.start(options)) {
      assertThat(server.kind()).isEqualTo(TemporalServer.Kind.DEV_SERVER);
      assertThat(server.address()).startsWith("127.0.0.1:");
      pid = server.pid().orElseThrow();
      assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

      assertThat(registeredSearchAttributes(server))
          .containsAllEntriesOf(
              Map.of(
                  "PgClusterId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                  "PgClusterPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                  "PgOperationType", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                  "PgPlan", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                  "PgRolloutId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                  "PgRolloutState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                  "PgRolloutSucceeded", IndexedValueType.INDEXED_VALUE_TYPE_INT));
      assertThat(uiStatus(server.uiUrl().orElseThrow())).isEqualTo(200);

      try (EchoRun run = EchoRun.on(server)) {
        assertThat(run.echo("cluster-a")).isEqualTo("CLUSTER-A!");
        assertThat(run.clusterIdSearchAttribute()).isEqualTo("cluster-a");
        assertThat(run.visibleInListQuery("cluster-a")).isTrue();
      }
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  /** CI installs the CLI (./pgfleet setup), so there its absence is an error, not a skip. */
  private static void requireCli() {
    boolean present = TemporalCli.locate().filter(Files::isExecutable).isPresent();
    String message = "temporal CLI not found; looked at " + TemporalCli.searchedPlaces();
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.assumeTrue(present, message);
  }

  private static Map<String, IndexedValueType> registeredSearchAttributes(TemporalServer server) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(server.address())
                .validateAndBuildWithDefaults());
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(server.namespace()).build())
          .getCustomAttributesMap();
    } finally {
      operator.shutdownNow();
    }
  }

  private static int uiStatus(String url) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
