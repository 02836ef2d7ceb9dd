package io.pgfleet.testenv.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.bench.failover.Ack;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.ProbeTable;
import io.pgfleet.testenv.bench.failover.RowsLost;
import io.pgfleet.testenv.bench.failover.WriteProbe;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.switchover.SwitchoverInput;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import io.pgfleet.workflows.switchover.SwitchoverResult;
import io.pgfleet.workflows.switchover.SwitchoverWorkflow;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The switchover workflow against a cluster of the local cloud (every process real), under a write
 * probe through the three pgpools (an insert every 50 ms, acknowledged ids logged): no acknowledged
 * row is lost, the roles swap, every pgpool sends writes to the new primary and the old primary
 * streams from it. Prints the write gap (the longest pause between acknowledgements).
 */
class SwitchoverE2eIT {

  /** Writes before the switchover, so the gap has a baseline on both sides. */
  private static final int ACKS_BEFORE = 20;

  /** The switchover, rejoin included, takes seconds locally; this bounds a broken run. */
  private static final Duration RUN_BOUND = Duration.ofMinutes(3);

  private static final Duration STREAM_BOUND = Duration.ofSeconds(30);

  private static SwitchoverTestCluster cluster;
  private static Topology topology;

  @BeforeAll
  static void provision() throws Exception {
    cluster = new SwitchoverTestCluster();
    topology = cluster.provision();
    try (Connection c = cluster.throughPgpools().connect()) {
      ProbeTable.create(c);
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSwitchoverUnderWritesLosesNoAcknowledgedRow() throws Exception {
    String label = "switchover-" + UUID.randomUUID();
    SwitchoverResult result;
    List<Ack> acks;
    try (WriteProbe probe =
        WriteProbe.start(
            cluster.throughPgpools(), label, cluster.stateDir.resolve("probe-" + label + ".log"))) {
      assertThat(probe.awaitAcks(ACKS_BEFORE, Duration.ofSeconds(30)))
          .as("the probe writes before the switchover (%s)", probe.lastError())
          .isTrue();
      result = switchover().switchover(input());
      int after = probe.acks().size() + ACKS_BEFORE;
      assertThat(probe.awaitAcks(after, Duration.ofSeconds(30)))
          .as("the probe writes after the switchover (%s)", probe.lastError())
          .isTrue();
      acks = probe.stop();
    }

    assertThat(result.outcome()).as(result.reason()).isEqualTo(SwitchoverOutcome.SWITCHED_OVER);
    assertThat(result.topology().primary().name()).isEqualTo("postgres/1");
    try (Connection newPrimary = cluster.direct("postgres", 1).connect()) {
      assertThat(scalar(newPrimary, "SELECT pg_is_in_recovery()")).isEqualTo("f");
      assertThat(RowsLost.missing(acks, ProbeTable.keys(newPrimary, label)))
          .as("acknowledged rows missing on the new primary")
          .isEmpty();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(writeTarget(cluster.pgpool(i)))
          .as("pgpool/%d routes writes", i)
          .isEqualTo(cluster.vm("postgres", 1).address());
    }
    assertThat(streamsEventually(cluster.direct("postgres", 0))).isTrue();
    long gap = longestGapMillis(acks);
    System.out.printf(
        "switchover: write gap %.2f s (probe), writes held %d ms (workflow), %d acks, %s%n",
        gap / 1000.0, result.writesHeldMillis(), acks.size(), stepMillis(result));
    assertThat(gap).as("write gap in ms").isLessThan(RUN_BOUND.toMillis());
  }

  private static SwitchoverWorkflow switchover() {
    return SharedTemporal.get()
        .client()
        .newWorkflowStub(
            SwitchoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(cluster.queue)
                .setWorkflowId(SharedTemporal.uniqueName("switchover-" + cluster.deployment))
                .setWorkflowExecutionTimeout(RUN_BOUND)
                .build());
  }

  private static SwitchoverInput input() {
    return new SwitchoverInput(
        cluster.deployment,
        "op-" + UUID.randomUUID(),
        topology,
        cluster.secrets(),
        1024 * 1024,
        PlanCatalog.SMALL.postgresParameters());
  }

  /** Each step's workflow-clock duration, e.g. "check 12 ms, prepare 30 ms, …". */
  private static String stepMillis(SwitchoverResult result) {
    return result.operation().steps().stream()
        .map(st -> st.name() + " " + (st.finishedAtMillis() - st.startedAtMillis()) + " ms")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The longest pause between two acknowledged writes, in the order they were acknowledged. */
  static long longestGapMillis(List<Ack> acks) {
    List<Long> at = acks.stream().map(Ack::ackAtMillis).sorted(Comparator.naturalOrder()).toList();
    long longest = 0;
    for (int i = 1; i < at.size(); i++) {
      longest = Math.max(longest, at.get(i) - at.get(i - 1));
    }
    return longest;
  }

  private static String writeTarget(ProbeEndpoint pgpool) throws Exception {
    try (Connection c = pgpool.connect()) {
      c.setAutoCommit(false);
      // the write first: pgpool then keeps the transaction's reads on the server that took it
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE routed (x int)");
      }
      String target = scalar(c, "SELECT host(inet_server_addr())");
      c.commit();
      return target;
    }
  }

  private static boolean streamsEventually(ProbeEndpoint node) throws Exception {
    long deadline = System.nanoTime() + STREAM_BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = node.connect()) {
        if ("streaming".equals(scalar(c, "SELECT status FROM pg_stat_wal_receiver"))) {
          return true;
        }
      } catch (java.sql.SQLException notYet) {
        // the rejoin may still restart it
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static String scalar(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
