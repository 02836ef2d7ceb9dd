package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PostgresRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three pgpool-II 4.3 with a watchdog over a real primary and standby: while all is well nobody
 * reports; a crashed primary (its port refuses connections) is detached by all three after their
 * majority vote, the watchdog leader's failover hook leaves one report naming it, the standby's
 * probe sees its stream gone, and nothing is promoted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class PgpoolWatchdogIT {

  /** Peers find each other and elect a leader a few seconds after they start. */
  private static final long WATCHDOG_FORM_MILLIS = 30_000;

  /** A healthy cluster is watched this long for false reports. */
  private static final long QUIET_MILLIS = 3_000;

  /**
   * Refused health checks fail at the next 1 s round; the vote adds milliseconds, or about a second
   * when the leader quarantined the backend on its own first. Measured 1.0-2.3 s (kill to file);
   * the bound leaves room for a loaded machine.
   */
  private static final long DETECTION_BOUND_MILLIS = 5_000;

  /** The leader detaches the backend before it runs the hook. */
  private static final long LEADER_DETACH_MILLIS = 1_000;

  /**
   * The other pgpools take the leader's backend states when its failover ends, and that waits for
   * its search for a new primary, which finds none (nothing is promoted) and gives up after
   * search_primary_node_timeout. They show the backend "down" or "quarantine" (down by a watchdog
   * decision).
   */
  private static final long PROPAGATION_MILLIS = PgpoolConf.SEARCH_PRIMARY_SECONDS * 1_000L + 5_000;

  /** A pgpool that promoted by itself would have done so within its failover round. */
  private static final long NO_PROMOTION_WAIT_MILLIS = 2_000;

  private static final long POLL_MILLIS = 20;

  /** The standby's WAL receiver sees the primary's connection close at once. */
  private static final long STREAM_LOSS_MILLIS = 2_000;

  private WatchdogTestCluster cluster;
  private StandbyStreamProbe standbyProbe;

  @BeforeAll
  void assemble() throws Exception {
    cluster = new WatchdogTestCluster();
    cluster.assemble();
    standbyProbe = new StandbyStreamProbe(cluster.standbyVm.env());
    await(
        "a watchdog cluster of three with a quorum and one leader",
        WATCHDOG_FORM_MILLIS,
        () -> IntStream.range(0, WatchdogTestCluster.PGPOOLS).allMatch(this::formed));
  }

  @AfterAll
  void cleanUp() {
    if (standbyProbe != null) {
      standbyProbe.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aHealthyClusterIsNotReported() throws Exception {
    Thread.sleep(QUIET_MILLIS);

    assertThat(reports()).isEmpty();
    for (PgpoolHostActivitiesImpl pgpool : cluster.pgpools) {
      assertThat(pgpool.status().backends())
          .extracting(PgpoolBackendStatus::status)
          .containsExactly("up", "up");
    }
    assertThat(standbyProbe.read())
        .contains(new StandbyStreamProbe.Observation(true, true, cluster.primaryHost()));
    try (StandbyStreamProbe primaryProbe = new StandbyStreamProbe(cluster.primaryVm.env())) {
      assertThat(primaryProbe.read()).hasValueSatisfying(o -> assertThat(o.standby()).isFalse());
    }
    assertThat(
            Files.readString(
                cluster.pgpoolVms.get(1).layout().pgpoolDir().resolve("pgpool_node_id")))
        .isEqualTo("1\n");
  }

  @Test
  @Order(2)
  void aCrashedPrimaryIsReportedOnceByTheLeaderAfterTheVoteAndNothingIsPromoted() throws Exception {
    String leader = leaderHost(cluster.watchdogInfo(0));
    long killed = System.currentTimeMillis();
    cluster.killPrimary();

    await("a failure report", DETECTION_BOUND_MILLIS, () -> !reports().isEmpty());
    long detected = System.currentTimeMillis() - killed;
    System.out.printf("pgpool watchdog: primary killed -> report file in %d ms%n", detected);
    await(
        "the standby's stream lost",
        STREAM_LOSS_MILLIS,
        () -> standbyProbe.read().filter(o -> o.standby() && !o.streaming()).isPresent());
    assertThat(standbyProbe.read())
        .contains(new StandbyStreamProbe.Observation(true, false, cluster.primaryHost()));
    PgpoolHostActivitiesImpl leaderPgpool = cluster.pgpools.get(indexOf(leader));
    await(
        "backend 0 down in the leader",
        LEADER_DETACH_MILLIS,
        () -> !"up".equals(backend0(leaderPgpool)));
    await(
        "backend 0 out of routing in every pgpool",
        PROPAGATION_MILLIS,
        () -> cluster.pgpools.stream().noneMatch(p -> "up".equals(backend0(p))));
    Thread.sleep(NO_PROMOTION_WAIT_MILLIS);

    List<Path> reports = reports();
    assertThat(reports).hasSize(1);
    Path file = reports.get(0);
    assertThat(file.getParent()).isEqualTo(cluster.reportsDir(indexOf(leader)));
    PgpoolFailureReport report = PgpoolFailureReport.parse(Files.readString(file));
    assertThat(report.failedNodeId()).isZero();
    assertThat(report.failedHost()).isEqualTo(cluster.primaryHost());
    assertThat(report.failedPort()).isEqualTo(5432);
    assertThat(report.primaryFailed()).isTrue();
    assertThat(report.atMillis()).isBetween(killed, killed + detected);
    assertThat(cluster.standby.status().role())
        .as("no pgpool promoted the standby")
        .isEqualTo(PostgresRole.STANDBY);
  }

  private boolean formed(int index) {
    String info = cluster.watchdogInfo(index);
    return info.contains("QUORUM EXIST")
        && info.contains("Alive Remote Nodes       : 2")
        && !leaderHost(info).isEmpty();
  }

  private static String leaderHost(String watchdogInfo) {
    return watchdogInfo
        .lines()
        .filter(l -> l.startsWith("Leader Host Name"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("");
  }

  private int indexOf(String address) {
    return IntStream.range(0, WatchdogTestCluster.PGPOOLS)
        .filter(i -> cluster.pgpoolAddress(i).equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("leader " + address + " is none of the pgpools"));
  }

  private String states() {
    return cluster.pgpools.stream().map(p -> p.status().backends().toString()).toList().toString();
  }

  private static String backend0(PgpoolHostActivitiesImpl pgpool) {
    return pgpool.status().backends().get(0).status();
  }

  private List<Path> reports() {
    List<Path> all = new ArrayList<>();
    for (int i = 0; i < WatchdogTestCluster.PGPOOLS; i++) {
      try (Stream<Path> files = Files.list(cluster.reportsDir(i))) {
        files
            .filter(f -> f.getFileName().toString().endsWith(PgpoolFailureReport.FILE_SUFFIX))
            .forEach(all::add);
      } catch (IOException e) {
        throw new AssertionError("cannot list " + cluster.reportsDir(i), e);
      }
    }
    return all;
  }

  private void await(String what, long millis, BooleanSupplier done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no " + what + " within " + millis + " ms; " + states());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
