package io.pgfleet.testenv.rollingupdate;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.bench.failover.Ack;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.bench.failover.ProbeTable;
import io.pgfleet.testenv.bench.failover.RowsLost;
import io.pgfleet.testenv.bench.failover.WriteProbe;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.rollingupdate.RollingUpdateInput;
import io.pgfleet.workflows.rollingupdate.RollingUpdateOutcome;
import io.pgfleet.workflows.rollingupdate.RollingUpdateResult;
import io.pgfleet.workflows.rollingupdate.RollingUpdateWorkflow;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The rolling update workflow against a local-cloud cluster (every process real) under a write
 * probe through the three pgpools (an insert every 50 ms, acknowledged ids logged): a full update
 * with new VMs, a larger VM type and disk (a plan change: BOSH moves each PostgreSQL VM's data to a
 * new, larger disk) and changed max_connections/work_mem loses no acknowledged row, shows at most
 * one write gap (the switchover's) and leaves both nodes running the new settings; then an update
 * the standby cannot take ends FAILED with the primary untouched and writes flowing throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpdateE2eIT {

  /** Writes before the update, so every gap has a baseline on both sides. */
  private static final int ACKS_BEFORE = 20;

  /** Five VMs one at a time and a switchover take about a minute locally; a broken run stops. */
  private static final Duration RUN_BOUND = Duration.ofMinutes(5);

  /**
   * A pause between acknowledgements ten probe intervals long is a write gap; a pgpool going away
   * costs the probe one failed insert and a reconnect to the next pgpool (tens of milliseconds).
   */
  private static final long GAP_MILLIS = 500;

  /**
   * A standby that stays down makes pgpool refuse new sessions ("failed to create a backend
   * connection") until its health check detaches the standby; measured up to 0.81 s. Writes still
   * flow through the primary before and after: a short stall, not a gap of the switchover's kind
   * (1.8 to 2.5 s measured).
   */
  private static final long STANDBY_DOWN_STALL_MILLIS = 1500;

  private static final int DISK_MB = 4096;

  /** The larger plan's disk: the plan change grows it, BOSH moves the data to a new disk. */
  private static final int GROWN_DISK_MB = 8192;

  private static final Plan CURRENT =
      plan("current", "small", DISK_MB, RollingUpdateTestCluster.ASSEMBLED_PARAMETERS);
  private static final Plan TARGET =
      plan("target", "medium", GROWN_DISK_MB, Map.of("max_connections", "80", "work_mem", "16MB"));

  private static RollingUpdateTestCluster cluster;
  private static Topology topology;

  @BeforeAll
  static void provision() throws Exception {
    cluster = new RollingUpdateTestCluster();
    topology = cluster.provision(CURRENT);
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
  @Order(1)
  void aRollingUpdateLosesNoAcknowledgedRowAndHasOneWriteGap() throws Exception {
    List<String> disksBefore = postgresDisks();
    Probed run = underProbe("rolling-" + UUID.randomUUID(), input(TARGET, DISK_MB, true));
    RollingUpdateResult result = run.result();

    assertThat(result.outcome()).as(result.reason()).isEqualTo(RollingUpdateOutcome.UPDATED);
    topology = result.topology(); // the next test starts from it, whatever this one asserts
    assertThat(result.updated())
        .containsExactly("pgpool/0", "pgpool/1", "pgpool/2", "postgres/1", "postgres/0");
    assertThat(result.topology().primary().name()).isEqualTo("postgres/1");
    try (Connection primary = cluster.direct("postgres", 1).connect()) {
      assertThat(scalar(primary, "SELECT pg_is_in_recovery()")).isEqualTo("f");
      assertThat(RowsLost.missing(run.acks(), ProbeTable.keys(primary, run.label())))
          .as("acknowledged rows missing on the new primary")
          .isEmpty();
    }
    for (int i = 0; i < 2; i++) {
      try (Connection node = cluster.direct("postgres", i).connect()) {
        assertThat(scalar(node, "SHOW max_connections")).as("postgres/%d", i).isEqualTo("80");
        assertThat(scalar(node, "SHOW work_mem")).as("postgres/%d", i).isEqualTo("16MB");
      }
    }
    assertThat(result.settings().get("postgres/0")).containsEntry("work_mem", "16MB");
    for (int i = 0; i < 2; i++) {
      LocalVm vm = cluster.cloud.vm(cluster.deployment, "postgres", i).orElseThrow();
      assertThat(vm.diskSizeMb()).as("postgres/%d's disk", i).isEqualTo(GROWN_DISK_MB);
    }
    assertThat(postgresDisks()).doesNotContainAnyElementsOf(disksBefore);
    assertThat(result.reason()).endsWith("settings as planned on both nodes");
    List<long[]> gaps = gaps(run.acks());
    System.out.printf(
        "rolling update: %d acks, gaps over %d ms: %s; steps: %s%n",
        run.acks().size(), GAP_MILLIS, describe(gaps), stepMillis(result));
    // At most one: a switchover whose promotion and first re-routed pgpool come within
    // GAP_MILLIS of the hold shows no gap this long at all (0.4 s seen under load).
    assertThat(gaps).as("write gaps over %d ms", GAP_MILLIS).hasSizeLessThanOrEqualTo(1);
    StepView switchover = step(result, "switchover");
    assertThat(gaps)
        .as("a gap begins during the switchover step")
        .allMatch(
            g ->
                g[0] >= switchover.startedAtMillis() - GAP_MILLIS
                    && g[0] <= switchover.finishedAtMillis());
  }

  @Test
  @Order(2)
  void aStandbyThatCannotTakeTheNewSettingsStopsTheUpdateWithThePrimaryUntouched()
      throws Exception {
    String primaryName = topology.primary().name();
    long primaryStart = postmasterStart(cluster.direct("postgres", topology.primary().index()));
    // a setting name PostgreSQL can never accept: the standby's agent refuses to configure it
    Plan broken =
        plan(
            "broken",
            "medium",
            GROWN_DISK_MB,
            Map.of("max_connections", "80", "no such setting", "1"));

    Probed run =
        underProbe("rolling-fail-" + UUID.randomUUID(), input(broken, GROWN_DISK_MB, false));
    RollingUpdateResult result = run.result();

    assertThat(result.outcome()).as(result.reason()).isEqualTo(RollingUpdateOutcome.FAILED);
    assertThat(result.reason())
        .startsWith("update " + topology.standby().name() + " failed: ")
        .contains(primaryName + " untouched and still the primary");
    assertThat(result.updated()).containsExactly("pgpool/0", "pgpool/1", "pgpool/2");
    assertThat(postmasterStart(cluster.direct("postgres", topology.primary().index())))
        .as("the primary's postmaster was never restarted")
        .isEqualTo(primaryStart);
    List<long[]> gaps = gaps(run.acks());
    System.out.printf(
        "failed rolling update: %d acks, gaps over %d ms: %s%n",
        run.acks().size(), GAP_MILLIS, describe(gaps));
    assertThat(gaps)
        .as("writes flowed throughout (at most pgpool's stall for the stopped standby)")
        .allMatch(g -> g[1] - g[0] < STANDBY_DOWN_STALL_MILLIS);
    try (Connection primary = cluster.direct("postgres", topology.primary().index()).connect()) {
      assertThat(RowsLost.missing(run.acks(), ProbeTable.keys(primary, run.label()))).isEmpty();
    }
  }

  private record Probed(String label, RollingUpdateResult result, List<Ack> acks) {}

  private static Probed underProbe(String label, RollingUpdateInput input) throws Exception {
    try (WriteProbe probe =
        WriteProbe.start(
            cluster.throughPgpools(), label, cluster.stateDir.resolve("probe-" + label + ".log"))) {
      assertThat(probe.awaitAcks(ACKS_BEFORE, Duration.ofSeconds(30)))
          .as("the probe writes before the update (%s)", probe.lastError())
          .isTrue();
      RollingUpdateResult result = workflow().update(input);
      int after = probe.acks().size() + ACKS_BEFORE;
      assertThat(probe.awaitAcks(after, Duration.ofSeconds(30)))
          .as("the probe writes after the update (%s)", probe.lastError())
          .isTrue();
      List<Ack> acks = probe.stop();
      printErrors(label);
      return new Probed(label, result, acks);
    }
  }

  /** The probe's failed writes ("# error at_ms message"), to tell what a gap was made of. */
  private static void printErrors(String label) throws java.io.IOException {
    java.nio.file.Path log = cluster.stateDir.resolve("probe-" + label + ".log");
    try (var lines = java.nio.file.Files.lines(log)) {
      lines.filter(l -> l.startsWith("# error")).limit(20).forEach(System.out::println);
    }
  }

  private static RollingUpdateWorkflow workflow() {
    return SharedTemporal.get()
        .client()
        .newWorkflowStub(
            RollingUpdateWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(cluster.queue)
                .setWorkflowId(SharedTemporal.uniqueName("rolling-" + cluster.deployment))
                .setWorkflowExecutionTimeout(RUN_BOUND)
                .build());
  }

  private static List<String> postgresDisks() {
    return List.of(
        cluster.cloud.vm(cluster.deployment, "postgres", 0).orElseThrow().diskCid(),
        cluster.cloud.vm(cluster.deployment, "postgres", 1).orElseThrow().diskCid());
  }

  private static RollingUpdateInput input(Plan plan, int currentDiskMb, boolean recreate) {
    return new RollingUpdateInput(
        cluster.deployment,
        "op-" + UUID.randomUUID(),
        cluster.deployment,
        topology,
        cluster.secrets(),
        currentDiskMb,
        plan,
        Map.of(),
        recreate);
  }

  private static Plan plan(String name, String vmType, int diskMb, Map<String, String> parameters) {
    return new Plan(
        "plan-" + name,
        name,
        "rolling update e2e plan",
        vmType,
        1,
        1024,
        diskMb,
        parameters,
        1024 * 1024,
        List.of());
  }

  /** Pauses between consecutive acknowledgements over GAP_MILLIS: {start, end} in epoch ms. */
  static List<long[]> gaps(List<Ack> acks) {
    List<Long> at = acks.stream().map(Ack::ackAtMillis).sorted().toList();
    List<long[]> gaps = new java.util.ArrayList<>();
    for (int i = 1; i < at.size(); i++) {
      if (at.get(i) - at.get(i - 1) > GAP_MILLIS) {
        gaps.add(new long[] {at.get(i - 1), at.get(i)});
      }
    }
    return gaps;
  }

  private static String describe(List<long[]> gaps) {
    return gaps.isEmpty()
        ? "none"
        : gaps.stream()
            .map(g -> "%.2f s at %d".formatted((g[1] - g[0]) / 1000.0, g[0]))
            .collect(Collectors.joining(", "));
  }

  private static StepView step(RollingUpdateResult result, String name) {
    return result.operation().steps().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String stepMillis(RollingUpdateResult result) {
    return result.operation().steps().stream()
        .map(st -> st.name() + " " + (st.finishedAtMillis() - st.startedAtMillis()) + " ms")
        .collect(Collectors.joining(", "));
  }

  private static long postmasterStart(ProbeEndpoint node) throws Exception {
    try (Connection c = node.connect()) {
      // the postmaster is the parent of every backend; its start time changes with a restart
      return Long.parseLong(
          scalar(c, "SELECT extract(epoch FROM pg_postmaster_start_time())::bigint"));
    }
  }

  private static String scalar(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
