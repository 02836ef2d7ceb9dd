package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.testenv.bench.failover.Ack;
import io.pgfleet.testenv.bench.failover.Outage;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.ProbeTable;
import io.pgfleet.testenv.bench.failover.RowsLost;
import io.pgfleet.testenv.bench.failover.WriteProbe;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.temporal.api.history.v1.HistoryEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 5's fault tests against one cluster of the local cloud, every component real, under a write
 * probe through the pgpools (an insert every 50 ms, acknowledged keys logged). Each test leaves the
 * cluster whole again (roles may have swapped) for the next; the order only saves provisioning.
 */
@TestMethodOrder(OrderAnnotation.class)
class FailoverFaultIT {

  /** Well under the 5 s default tolerance: the primary must stay primary. */
  private static final Duration SHORT_FREEZE = Duration.ofSeconds(2);

  /** Past the tolerance plus a confirmation, so any failover the blip started has ended. */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  /** More than the plan's maximum_lag_on_failover (1 MiB) of WAL left unreplayed. */
  private static final long LAG_BEYOND_BOUND = 2L * 1024 * 1024;

  private static LocalStack stack;
  private static FaultCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start();
    cluster = FaultCluster.provisionAndBind(stack);
    try (Connection c = cluster.endpoint().connect()) {
      ProbeTable.create(c);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aFreezeShorterThanTheToleranceIsNoFailover() throws Exception {
    LocalVm primary = cluster.vm("primary");
    Set<String> known = cluster.failoverIds();
    try (WriteProbe probe = probe("short-freeze")) {
      long frozenAt = System.currentTimeMillis();
      List<Long> pids = VmFaults.freeze(primary);
      Thread.sleep(SHORT_FREEZE.toMillis());
      VmFaults.thaw(pids);
      long thawedAt = System.currentTimeMillis();
      assertThat(probe.awaitOutageEnd(frozenAt, thawedAt, FaultCluster.OPERATION_BOUND))
          .as("writes resume after the thaw (%s)", probe.lastError())
          .isPresent();
      Thread.sleep(SETTLE.toMillis());
      cluster.newFailover(known).ifPresent(op -> awaitFinished(op, known));
    }
    assertThat(cluster.vm("primary").instanceId()).isEqualTo(primary.instanceId());
    assertThat(cluster.phase()).isEqualTo("ready");
    for (int i = 0; i < 3; i++) {
      assertThat(writeThroughPgpool(i))
          .as("pgpool/%d routes writes", i)
          .isEqualTo(primary.address());
    }
  }

  @Test
  @Order(2)
  void aKilledPrimaryIsReplacedAndReturnsAsStandbyWithoutLosingAcknowledgedRows() throws Exception {
    LocalVm primary = cluster.vm("primary");
    LocalVm standby = cluster.vm("standby");
    Set<String> known = cluster.failoverIds();
    List<Ack> acks;
    Outage outage;
    String label;
    try (WriteProbe probe = probe("kill")) {
      label = probe.label();
      long killStart = System.currentTimeMillis();
      stack.cloud.crash(cluster.deployment, primary.instanceGroup(), primary.index());
      long killDone = System.currentTimeMillis();
      outage =
          probe
              .awaitOutageEnd(killStart, killDone, FaultCluster.OPERATION_BOUND)
              .orElseThrow(
                  () -> new AssertionError("no write after the kill: " + probe.lastError()));
      JsonNode failover = cluster.awaitFinishedFailover(known);
      assertThat(failover.path("state").asText()).as(failover.toString()).isEqualTo("succeeded");
      assertThat(FaultCluster.steps(failover, "prove fenced")).isEqualTo(1);
      probe.awaitAcks(probe.acks().size() + 5, Duration.ofSeconds(30));
      acks = probe.stop();
    }
    System.out.printf("killed primary: writes stopped for %.2f s%n", outage.seconds());

    cluster.awaitWhole();
    assertThat(cluster.vm("primary").instanceId()).isEqualTo(standby.instanceId());
    assertThat(cluster.vm("standby").instanceId()).isEqualTo(primary.instanceId());
    try (Connection newPrimary = cluster.direct(cluster.vm("primary")).connect()) {
      assertThat(RowsLost.missing(acks, ProbeTable.keys(newPrimary, label)))
          .as("acknowledged rows missing on the new primary")
          .isEmpty();
    }
    cluster.assertStreamingStandby(cluster.vm("standby"));
    assertThat(stack.alerts())
        .anySatisfy(
            alert -> {
              assertThat(alert.path("severity").asText()).isEqualTo("warning");
              assertThat(alert.path("summary").asText()).contains("failed over to");
            });
  }

  @Test
  @Order(3)
  void aLongFreezeIsFencedBeforeThePromotionAndTheOldPrimaryNeverTakesWritesAgain()
      throws Exception {
    LocalVm primary = cluster.vm("primary");
    Set<String> known = cluster.failoverIds();
    List<Long> frozen = VmFaults.freeze(primary);
    JsonNode failover;
    try {
      failover = cluster.awaitFinishedFailover(known);
    } finally {
      VmFaults.thaw(frozen);
    }
    assertThat(failover.path("state").asText()).as(failover.toString()).isEqualTo("succeeded");
    assertThat(frozen)
        .as("powered off: every frozen process is gone")
        .noneMatch(VmProcesses::isAlive);
    cluster.awaitWhole();
    LocalVm newPrimary = cluster.vm("primary");
    assertThat(newPrimary.instanceId()).isNotEqualTo(primary.instanceId());
    for (int i = 0; i < 3; i++) {
      assertThat(writeThroughPgpool(i))
          .as("pgpool/%d sends writes to the new primary only", i)
          .isEqualTo(newPrimary.address());
    }
    cluster.assertStreamingStandby(cluster.vm("standby"));
  }

  @Test
  @Order(4)
  void aWorkerKilledInTheMiddleOfAFailoverFinishesItExactlyOnce() throws Exception {
    LocalVm primary = cluster.vm("primary");
    OpsApi.Reply accepted =
        cluster.ops.post(
            "/api/v1/clusters/" + cluster.id + "/failover", "{\"reason\":\"worker kill test\"}");
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    String operationId = accepted.body().path("operation_id").asText();
    FaultCluster.await(
        "the failover's first steps",
        () -> cluster.ops.operation(cluster.id, operationId).path("steps").size() >= 2);
    assertThat(FaultCluster.isFinished(cluster.ops.operation(cluster.id, operationId))).isFalse();
    stack.restartWorker();

    FaultCluster.await(
        "the failover to finish",
        () -> FaultCluster.isFinished(cluster.ops.operation(cluster.id, operationId)));
    JsonNode failover = cluster.ops.operation(cluster.id, operationId);
    assertThat(failover.path("state").asText()).as(failover.toString()).isEqualTo("succeeded");
    assertThat(FaultCluster.steps(failover, "fence")).isEqualTo(1);
    assertThat(FaultCluster.steps(failover, "promote")).isEqualTo(1);
    String child = ClusterNaming.operationWorkflowId(cluster.id, operationId);
    assertThat(activitiesScheduled(child, "PostgresHost.promote")).isEqualTo(1);
    assertThat(activitiesScheduled(child, "Iaas.powerOff")).isEqualTo(1);
    cluster.awaitWhole();
    assertThat(cluster.vm("standby").instanceId()).isEqualTo(primary.instanceId());
  }

  @Test
  @Order(5)
  void aStandbyBeyondTheLagBoundIsNotPromotedUntilAnOperatorActs() throws Exception {
    LocalVm primary = cluster.vm("primary");
    LocalVm standby = cluster.vm("standby");
    VmFaults.superuserSql(standby, "select pg_wal_replay_pause()");
    try (Connection c = cluster.endpoint().connect();
        Statement s = c.createStatement()) {
      s.execute("create table ballast(filler text)");
      s.execute("insert into ballast select repeat('x', 1000) from generate_series(1, 4000)");
    }
    FaultCluster.await(
        "the standby to fall behind by more than the bound",
        () ->
            Long.parseLong(
                    VmFaults.superuserSql(
                        standby,
                        "select pg_wal_lsn_diff(pg_last_wal_receive_lsn(),"
                            + " pg_last_wal_replay_lsn())::bigint"))
                > LAG_BEYOND_BOUND);
    Set<String> known = cluster.failoverIds();
    stack.cloud.crash(cluster.deployment, primary.instanceGroup(), primary.index());

    JsonNode refused = cluster.awaitFinishedFailover(known);
    assertThat(refused.path("state").asText()).isEqualTo("failed");
    assertThat(refused.toString()).contains("bytes behind");
    assertThat(cluster.phase()).isEqualTo("needs_operator");
    assertThat(VmFaults.superuserSql(standby, "select pg_is_in_recovery()")).isEqualTo("t");
    FaultCluster.await(
        "a critical alert",
        () ->
            stack.alerts().stream().anyMatch(a -> "critical".equals(a.path("severity").asText())));

    VmFaults.superuserSql(standby, "select pg_wal_replay_resume()");
    OpsApi.Reply accepted = cluster.ops.post("/api/v1/clusters/" + cluster.id + "/failover", "{}");
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    String operationId = accepted.body().path("operation_id").asText();
    FaultCluster.await(
        "the operator's failover",
        () -> FaultCluster.isFinished(cluster.ops.operation(cluster.id, operationId)));
    assertThat(cluster.ops.operation(cluster.id, operationId).path("state").asText())
        .isEqualTo("succeeded");
    cluster.awaitWhole();
    assertThat(cluster.vm("primary").instanceId()).isEqualTo(standby.instanceId());
    assertThat(stack.alerts())
        .anySatisfy(a -> assertThat(a.path("severity").asText()).isEqualTo("resolved"));
  }

  /**
   * One pgpool lost: the other two route. Two lost: the last one still routes (its watchdog has no
   * quorum, so it detaches no backend on its own; see docs/failover.md).
   */
  @Test
  @Order(6)
  void routingSurvivesTheLossOfOneAndOfTwoPgpools() throws Exception {
    try (WriteProbe probe = probe("pgpool-loss")) {
      for (int index = 0; index < 2; index++) {
        long killStart = System.currentTimeMillis();
        stack.cloud.crash(cluster.deployment, "pgpool", index);
        long killDone = System.currentTimeMillis();
        assertThat(probe.awaitOutageEnd(killStart, killDone, Duration.ofSeconds(30)))
            .as("writes after losing pgpool/%d (%s)", index, probe.lastError())
            .isPresent();
      }
    }
    assertThat(writeThroughPgpool(2)).isEqualTo(cluster.vm("primary").address());
    assertThat(cluster.phase()).isEqualTo("ready");
  }

  private static WriteProbe probe(String name) throws Exception {
    return cluster.startProbe(name);
  }

  private static void awaitFinished(JsonNode op, Set<String> known) {
    try {
      cluster.awaitFinishedFailover(known);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Writes through one pgpool and answers the address of the server that took the write. */
  private static String writeThroughPgpool(int index) throws Exception {
    LocalVm pgpool = cluster.pgpool(index);
    ProbeEndpoint all = cluster.endpoint();
    ProbeEndpoint one =
        new ProbeEndpoint(
            all.jdbcUrl().replaceFirst("//[^/]+/", "//" + pgpool.address() + ":9999/"),
            all.user(),
            all.password());
    try (Connection c = one.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("create table if not exists routed(at timestamptz default now())");
        s.execute("insert into routed default values");
        try (ResultSet rs = s.executeQuery("select host(inet_server_addr())")) {
          rs.next();
          String address = rs.getString(1);
          c.commit();
          return address;
        }
      }
    }
  }

  private static long activitiesScheduled(String workflowId, String activityType) {
    return SharedTemporal.get()
        .client()
        .fetchHistory(workflowId)
        .getHistory()
        .getEventsList()
        .stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(
            e ->
                activityType.equals(
                    e.getActivityTaskScheduledEventAttributes().getActivityType().getName()))
        .count();
  }
}
