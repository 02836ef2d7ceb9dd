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

  /** How long a bind refused with ConcurrencyError is retried. */
  private static final Duration CONCURRENCY_RETRY = Duration.ofSeconds(30);

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
    // OSB's 422 ConcurrencyError means "retry later": right after last_operation says succeeded
    // the cluster may not have left its provisioning phase yet.
    long deadline = System.nanoTime() + CONCURRENCY_RETRY.toNanos();
    while (isConcurrencyError(answer) && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MILLIS);
      answer = broker.bind(id, bindingId, PlanCatalog.SERVICE_ID, plan());
    }
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

  /**
   * Deprovisions what was created, unbinding first only when the cluster is whole: an unbind needs
   * the primary to drop the binding's role, and while it waits on a dead one the cluster refuses to
   * be deprovisioned. Failures are reported, not thrown.
   */
  String remove(boolean whole) {
    StringBuilder outcome = new StringBuilder();
    try {
      if (bound && whole) {
        outcome
            .append("unbind ")
            .append(broker.unbind(id, bindingId, PlanCatalog.SERVICE_ID, plan()).status())
            .append(", ");
      }
      if (provisioned) {
        BrokerClient.Answer answer = broker.deprovision(id, PlanCatalog.SERVICE_ID, plan());
        if (answer.status() == 202) {
          await("deprovisioning", answer.body().path("operation").asText());
        }
        outcome.append("deprovision ").append(answer.status());
      }
    } catch (Exception e) {
      outcome.append("failed: ").append(e.getMessage());
    }
    return outcome.toString();
  }

  private static boolean isConcurrencyError(BrokerClient.Answer answer) {
    return answer.status() == 422
        && "ConcurrencyError".equals(answer.body().path("error").asText());
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
