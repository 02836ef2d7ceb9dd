package io.pgfleet.testenv.bench.switchover;

import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.patroni.PatroniCluster;
import io.pgfleet.testenv.bench.failover.patroni.PatroniSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Patroni's planned switchover as an operator runs it: {@code patronictl -c patroni.yml switchover
 * --leader L --candidate C --force}, which asks the leader's REST API and returns once Patroni
 * reports the switchover done. The cluster is bench/failover's two-member {@link PatroniCluster}
 * with Patroni's default DCS timings.
 */
final class PatroniSwitchover implements SwitchoverTarget {

  static final String SYSTEM = "patroni";

  static final String PATRONICTL = "/usr/bin/patronictl";

  /** patronictl's own wait for the new leader is bounded by Patroni; this bounds a hang. */
  static final Duration PATRONICTL_TIMEOUT = Duration.ofMinutes(2);

  private final PatroniCluster cluster;

  PatroniSwitchover(Path logDir) {
    this.cluster = new PatroniCluster(PatroniSettings.DEFAULT, logDir);
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public void prepare() throws Exception {
    cluster.prepare();
  }

  @Override
  public ProbeEndpoint endpoint() {
    return cluster.endpoint();
  }

  @Override
  public Switch switchover() throws Exception {
    String leader = cluster.leaderName();
    String candidate =
        cluster.memberNames().stream()
            .filter(name -> !name.equals(leader))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no member besides " + leader));
    List<String> command =
        List.of(
            PATRONICTL,
            "-c",
            cluster.configFile().toString(),
            "switchover",
            "--leader",
            leader,
            "--candidate",
            candidate,
            "--force");
    long start = System.currentTimeMillis();
    Path out = Files.createTempFile("patronictl-", ".out");
    String output;
    int exit;
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(PATRONICTL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("patronictl did not exit in " + PATRONICTL_TIMEOUT);
      }
      exit = process.exitValue();
      output = Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
    }
    long done = System.currentTimeMillis();
    if (exit != 0 || !output.contains("Successfully switched over")) {
      throw new IllegalStateException(
          "patronictl switchover " + leader + " -> " + candidate + " failed: " + output.strip());
    }
    return new Switch(
        start,
        done,
        "patronictl switchover %s -> %s: %s"
            .formatted(leader, candidate, firstLine(output, "Successfully switched over")));
  }

  @Override
  public String awaitWhole() throws Exception {
    long start = System.nanoTime();
    cluster.awaitWhole();
    return String.format(
        Locale.ROOT,
        "leader %s, old leader streaming again %.1f s after done",
        cluster.leaderName(),
        (System.nanoTime() - start) / 1e9);
  }

  private static String firstLine(String output, String containing) {
    return output.lines().filter(l -> l.contains(containing)).findFirst().orElse("").strip();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
