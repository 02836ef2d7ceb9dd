package io.pgfleet.testenv.bench.failover.pgfleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.testenv.bench.BrokerClient;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.time.Duration;
import java.util.UUID;

/** One service instance through the Open Service Broker API: provision, bind, and away again. */
final class PgfleetCluster {

  /** bench/provision measures about 8 s; a provision that takes longer than this is broken. */
  private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(5);

  /** last_operation is cheap; a quarter second keeps waits short. */
  private static final long POLL_MILLIS = 250;

  private final BrokerClient broker;
  private final String id = "bench-failover-" + UUID.randomUUID();
  private final String bindingId = UUID.randomUUID().toString();
  private boolean provisioned;
  private boolean bound;

  PgfleetCluster(BrokerClient broker) {
    this.broker = broker;
  }

  String id() {
    return id;
  }

  void provision() throws Exception {
    BrokerClient.Answer answer = broker.provision(id, PlanCatalog.SERVICE_ID, plan());
    if (answer.status() != 202) {
      throw new IllegalStateException(
          "provisioning " + id + " was refused: " + answer.status() + " " + answer.body());
    }
    provisioned = true;
    await("provisioning", answer.body().path("operation").asText());
  }

  /** Binds and returns the probe's endpoint: the binding's multi-host JDBC URL over the pgpools. */
  ProbeEndpoint bind() throws Exception {
    BrokerClient.Answer answer = broker.bind(id, bindingId, PlanCatalog.SERVICE_ID, plan());
    if (answer.status() != 201 && answer.status() != 200) {
      throw new IllegalStateException(
          "binding " + id + " was refused: " + answer.status() + " " + answer.body());
    }
    bound = true;
    JsonNode credentials = answer.body().path("credentials");
    return new ProbeEndpoint(
        credentials.path("jdbcUrl").asText(),
        credentials.path("username").asText(),
        credentials.path("password").asText());
  }

  /** Unbinds and deprovisions what was created; failures are reported, not thrown. */
  String remove() {
    StringBuilder outcome = new StringBuilder();
    try {
      if (bound) {
        outcome
            .append("unbind ")
            .append(broker.unbind(id, bindingId, PlanCatalog.SERVICE_ID, plan()).status());
      }
      if (provisioned) {
        BrokerClient.Answer answer = broker.deprovision(id, PlanCatalog.SERVICE_ID, plan());
        if (answer.status() == 202) {
          await("deprovisioning", answer.body().path("operation").asText());
        }
        outcome.append(", deprovision ").append(answer.status());
      }
    } catch (Exception e) {
      outcome.append(" failed: ").append(e.getMessage());
    }
    return outcome.toString();
  }

  private static String plan() {
    return PlanCatalog.SMALL.id();
  }

  private void await(String what, String operation) throws Exception {
    long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      BrokerClient.Answer answer = broker.lastOperation(id, operation);
      String state = answer.body().path("state").asText();
      if (answer.status() == 410 || state.equals("succeeded")) {
        return;
      }
      if (state.equals("failed")) {
        throw new IllegalStateException(
            what + " " + id + " failed: " + answer.body().path("description").asText());
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(what + " " + id + " did not finish in " + OPERATION_TIMEOUT);
  }
}
