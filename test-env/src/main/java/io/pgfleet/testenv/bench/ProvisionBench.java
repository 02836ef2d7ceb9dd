package io.pgfleet.testenv.bench;

import io.pgfleet.workflows.catalog.PlanCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code bench/provision}: provisions N clusters one after another through the running
 * environment's Open Service Broker API and times each from the PUT to last_operation "succeeded";
 * each cluster is deprovisioned before the next so the machine holds one at a time. Prints
 * progress, then one JSON line.
 */
public final class ProvisionBench {

  /** last_operation is cheap; a quarter second keeps the measurement error small. */
  private static final long POLL_MILLIS = 250;

  /** A provision that takes longer is broken, not slow. */
  private static final long OPERATION_BOUND_MILLIS = 5 * 60 * 1000;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path state = Path.of(args.length > 1 ? args[1] : ".pgfleet");
    Path envFile = state.resolve("env");
    Map<String, String> env = EnvFile.read(envFile);
    BrokerClient broker =
        new BrokerClient(
            EnvFile.require(env, "PGFLEET_API_URL", envFile),
            EnvFile.require(env, "PGFLEET_BROKER_USER", envFile),
            EnvFile.require(env, "PGFLEET_BROKER_PASSWORD", envFile));

    List<Double> seconds = new ArrayList<>();
    int failures = 0;
    for (int run = 1; run <= runs; run++) {
      String id = "bench-" + UUID.randomUUID();
      long start = System.nanoTime();
      String outcome = provision(broker, id);
      double took = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "run %d/%d: %s in %.1f s%n", run, runs, outcome, took);
      if (outcome.equals("succeeded")) {
        seconds.add(took);
      } else {
        failures++;
      }
      System.out.printf("run %d/%d: deprovision %s%n", run, runs, deprovision(broker, id));
    }
    System.out.println(report(runs, failures, seconds, state));
  }

  private static String provision(BrokerClient broker, String id) throws Exception {
    BrokerClient.Answer answer =
        broker.provision(id, PlanCatalog.SERVICE_ID, PlanCatalog.SMALL.id());
    if (answer.status() != 202) {
      return "rejected " + answer.status() + " " + answer.body();
    }
    return awaitOperation(broker, id, answer.body().path("operation").asText());
  }

  private static String deprovision(BrokerClient broker, String id) throws Exception {
    BrokerClient.Answer answer =
        broker.deprovision(id, PlanCatalog.SERVICE_ID, PlanCatalog.SMALL.id());
    if (answer.status() != 202) {
      return "rejected " + answer.status() + " " + answer.body();
    }
    return awaitOperation(broker, id, answer.body().path("operation").asText());
  }

  private static String awaitOperation(BrokerClient broker, String id, String operation)
      throws Exception {
    long deadline = System.currentTimeMillis() + OPERATION_BOUND_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      BrokerClient.Answer answer = broker.lastOperation(id, operation);
      if (answer.status() == 410) {
        return "succeeded";
      }
      String state = answer.body().path("state").asText();
      if (state.equals("succeeded")) {
        return state;
      }
      if (state.equals("failed")) {
        return "failed: " + answer.body().path("description").asText();
      }
      Thread.sleep(POLL_MILLIS);
    }
    return "timed out";
  }

  static String report(int runs, int failures, List<Double> seconds, Path state) {
    List<Double> sorted = seconds.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "{\"bench\":\"provision\",\"runs\":%d,\"succeeded\":%d,\"failed\":%d,"
            + "\"median_s\":%s,\"p95_s\":%s,\"max_s\":%s,"
            + "\"gateway_rss_mb\":%s,\"worker_rss_mb\":%s,\"cloud_rss_mb\":%s}",
        runs,
        sorted.size(),
        failures,
        format(percentile(sorted, 0.5)),
        format(percentile(sorted, 0.95)),
        format(sorted.isEmpty() ? null : sorted.get(sorted.size() - 1)),
        mb(ProcessMemory.peakRssMb(state.resolve("gateway.pid"))),
        mb(ProcessMemory.peakRssMb(state.resolve("worker.pid"))),
        mb(ProcessMemory.peakRssMb(state.resolve("cloud.pid"))));
  }

  /** Nearest-rank percentile; null when nothing succeeded. */
  static Double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String format(Double value) {
    return value == null ? "null" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String mb(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "null";
  }
}
