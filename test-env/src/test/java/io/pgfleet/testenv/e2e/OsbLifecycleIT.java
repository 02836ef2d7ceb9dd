package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.testenv.bench.BrokerClient;
import io.pgfleet.testenv.bench.BrokerClient.Answer;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.codec.HistoryPayloads;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service instance's whole life as a platform drives it, against the local cloud with every
 * component real: OSB provision → last_operation succeeded → bind → psql with the binding's uri
 * through pgpool → the row on the standby → unbind → deprovision → no VM, process, directory, disk
 * or deployment left; and no history holds the binding's password in plaintext.
 */
class OsbLifecycleIT {

  /** Provisioning locally takes seconds; this bounds a broken run. */
  private static final Duration OPERATION_BOUND = Duration.ofMinutes(3);

  private static final String SERVICE = PlanCatalog.SERVICE_ID;
  private static final String PLAN = PlanCatalog.SMALL.id();

  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void provisionBindConnectUnbindDeprovision() throws Exception {
    BrokerClient broker = stack.broker();
    String id = UUID.randomUUID().toString();

    Answer provision = broker.provision(id, SERVICE, PLAN);
    assertThat(provision.status()).as(provision.body().toString()).isEqualTo(202);
    Answer provisioned = awaitOperation(broker, id, provision.body().get("operation").asText());
    assertThat(provisioned.body().get("state").asText())
        .as(provisioned.body().toString())
        .isEqualTo("succeeded");

    JsonNode cluster = opsApi("/api/v1/clusters/" + id);
    assertThat(cluster.get("phase").asText()).isEqualTo("ready");
    assertThat(cluster.get("nodes")).hasSize(5);
    String deployment = ClusterNaming.deployment(id);
    List<LocalVm> vms = stack.cloud.vms(deployment);
    assertThat(vms).hasSize(5);

    String bindingId = UUID.randomUUID().toString();
    Answer bind = broker.bind(id, bindingId, SERVICE, PLAN);
    assertThat(bind.status()).as(bind.body().toString()).isEqualTo(201);
    JsonNode credentials = bind.body().get("credentials");
    assertThat(credentials.get("hosts")).hasSize(3);

    String marker = "row " + UUID.randomUUID();
    String psqlOutput =
        psql(
            credentials.get("uri").asText(),
            "create table notes(text text); insert into notes values ('"
                + marker
                + "'); select inet_server_addr();");
    String primary = stack.cloud.vm(deployment, "postgres", 0).orElseThrow().address();
    assertThat(psqlOutput).as("the write went to the primary").contains(primary);
    String standby = stack.cloud.vm(deployment, "postgres", 1).orElseThrow().address();
    assertThat(countOnStandbyEventually(standby, credentials, marker)).isEqualTo(1);

    assertThat(broker.unbind(id, bindingId, SERVICE, PLAN).status()).isEqualTo(200);

    Answer deprovision = broker.deprovision(id, SERVICE, PLAN);
    assertThat(deprovision.status()).as(deprovision.body().toString()).isEqualTo(202);
    Answer deprovisioned = awaitOperation(broker, id, deprovision.body().get("operation").asText());
    assertThat(deprovisioned.status() == 410 || "succeeded".equals(state(deprovisioned)))
        .as(deprovisioned.body().toString())
        .isTrue();

    assertThat(stack.cloud.vms(deployment)).isEmpty();
    assertThat(stack.vmProcesses(vms)).isEmpty();
    assertThat(vms).allSatisfy(vm -> assertThat(vm.vmDir()).doesNotExist());
    assertThat(LocalStack.listOrEmpty(stack.stateDir.resolve("disks"))).isEmpty();
    assertThat(LocalStack.listOrEmpty(stack.stateDir.resolve("orphaned_disks"))).isEmpty();

    assertHistoriesKeepSecret(id, credentials.get("password").asText());
  }

  /**
   * The cluster workflow's and its operations' histories, read as Temporal stores them, never
   * contain the binding's password; decrypted with the stack's keys, they do.
   */
  private static void assertHistoriesKeepSecret(String clusterId, String password) {
    WorkflowClient storedView = SharedTemporal.get().client(); // no codec
    History cluster = storedView.fetchHistory(ClusterWorkflow.workflowId(clusterId)).getHistory();
    List<History> histories = new ArrayList<>(List.of(cluster));
    cluster.getEventsList().stream()
        .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
        .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
        .distinct()
        .forEach(child -> histories.add(storedView.fetchHistory(child).getHistory()));

    assertThat(histories).hasSizeGreaterThanOrEqualTo(3); // cluster, provision, deprovision
    for (History history : histories) {
      assertThat(HistoryPayloads.storedBytesContain(history, password)).isFalse();
    }
    assertThat(
            histories.stream()
                .map(history -> HistoryPayloads.decodedText(history, stack.codec()))
                .collect(Collectors.joining()))
        .contains(password);
  }

  private static Answer awaitOperation(BrokerClient broker, String id, String operation)
      throws Exception {
    long deadline = System.nanoTime() + OPERATION_BOUND.toNanos();
    Answer answer = broker.lastOperation(id, operation);
    while (answer.status() == 200
        && "in progress".equals(state(answer))
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
      answer = broker.lastOperation(id, operation);
    }
    return answer;
  }

  private static String state(Answer answer) {
    return answer.body().path("state").asText();
  }

  private static JsonNode opsApi(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                    .header("Authorization", "Bearer " + stack.adminToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
  }

  /** Runs psql with a libpq connection URI, exactly as an application would use it. */
  private static String psql(String uri, String sql) throws Exception {
    Process process =
        new ProcessBuilder("psql", uri, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql)
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("psql did not finish in 30 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** Rows with the marker on the standby, once it has replayed them (bounded wait). */
  private static int countOnStandbyEventually(String host, JsonNode credentials, String marker)
      throws Exception {
    String url = "jdbc:postgresql://" + host + ":5432/" + credentials.get("database").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    try (Connection standby =
        DriverManager.getConnection(
            url, credentials.get("username").asText(), credentials.get("password").asText())) {
      while (true) {
        try (Statement s = standby.createStatement();
            ResultSet rs =
                s.executeQuery("select count(*) from notes where text = '" + marker + "'")) {
          rs.next();
          if (rs.getInt(1) > 0 || System.nanoTime() > deadline) {
            return rs.getInt(1);
          }
        } catch (SQLException notYetReplayed) {
          if (System.nanoTime() > deadline) {
            throw notYetReplayed;
          }
        }
        Thread.sleep(100);
      }
    }
  }
}
