package io.pgfleet.testenv.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.BackupInput;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.BackupWorkflow;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.restore.RestoreMode;
import io.pgfleet.workflows.restore.RestoreResult;
import io.pgfleet.workflows.restore.RestoreWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Point-in-time restore end to end on the local cloud: a primary and a streaming standby on local
 * VMs archiving into S3Proxy, a snapshot backup through the BackupWorkflow, rows committed after it
 * around a target time, then the RestoreWorkflow in place to that time over the production BOSH,
 * EC2 and S3 adapters and the node agents. Both nodes end on new disks holding exactly the rows
 * committed at or before the target, the primary on a new timeline and the standby streaming. On
 * the same cluster, in order: a target beyond the archive refused with nothing changed, an xid
 * target, an LSN target reached across the timeline switch of the previous restore, a restore that
 * fails during recovery and leaves the old data running, a restore into a new cluster, and an LSN
 * target on the timeline a promotion of the standby started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class RestoreWorkflowIT {

  private static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(5);

  /** Archiving a switched segment takes a second or two (async push); this bounds a stuck one. */
  private static final Duration WAIT_BOUND = Duration.ofSeconds(60);

  /** Apart from the target on the server's clock, so no commit time ties with it. */
  private static final long GAP_MILLIS = 300;

  /** Between WAL switches while waiting for the archive: the async push takes about a second. */
  private static final long TICK_MILLIS = 1_000;

  private final String password = UUID.randomUUID().toString();
  private final ClusterSecrets secrets = new ClusterSecrets(password, password, password);
  private final NodeSql sql = new NodeSql(password);
  private RestoreStack stack;
  private Topology topology;
  private final List<BackupRecord> backups = new ArrayList<>();
  private int xidTimeline;

  @BeforeAll
  void setUpCluster() throws Exception {
    stack = new RestoreStack();
    topology = setUpCluster(stack.clusterId, stack.deployPostgres(), password);
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void anInPlaceRestoreToATimeHoldsExactlyTheRowsCommittedAtOrBeforeIt() throws Exception {
    String primary = topology.primary().address();
    sql.execute(primary, "CREATE TABLE rows (id int PRIMARY KEY, note text)");
    sql.execute(primary, "INSERT INTO rows VALUES (1, 'before backup'), (2, 'before backup')");
    BackupRecord backup = backup();
    String backupId = backup.backupId();

    sql.execute(primary, "INSERT INTO rows VALUES (3, 'after backup')");
    sql.execute(primary, "INSERT INTO rows VALUES (4, 'after backup')");
    Thread.sleep(GAP_MILLIS);
    Instant target = sql.serverClock(primary);
    Thread.sleep(GAP_MILLIS);
    sql.execute(primary, "INSERT INTO rows VALUES (5, 'after target')");
    sql.execute(primary, "INSERT INTO rows VALUES (6, 'after target')");
    awaitArchivedAfter(primary, target);
    List<String> oldDisks = List.of(stack.vm(0).diskCid(), stack.vm(1).diskCid());

    RestoreResult result = restore(null, RecoveryTargetKind.TIME, target.toString());

    assertThat(result.backup().backupId()).isEqualTo(backupId);
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps())
        .extracting(StepView::state)
        .containsOnly(OperationState.SUCCEEDED);
    assertThat(result.recovery().timeline()).isGreaterThan(backup.timeline());
    assertThat(List.of(stack.vm(0).diskCid(), stack.vm(1).diskCid()))
        .doesNotContainAnyElementsOf(oldDisks);
    // the release deleted exactly the two disks it replaced: no orphan, no stray volume left
    assertThat(stack.orphanedDisks()).isEmpty();
    assertThat(stack.volumes()).doesNotContainAnyElementsOf(oldDisks).containsAll(disks());
    assertThat(sql.ids(primary)).containsExactly(1, 2, 3, 4);
    assertThat(sql.scalar(primary, "SELECT pg_is_in_recovery()")).isEqualTo("f");
    sql.execute(primary, "INSERT INTO rows VALUES (7, 'after restore')");
    String standby = topology.standby().address();
    assertThat(sql.scalar(standby, "SELECT pg_is_in_recovery()")).isEqualTo("t");
    await("the standby to replay the write after the restore", () -> sql.ids(standby).contains(7));
    assertThat(sql.ids(standby)).containsExactly(1, 2, 3, 4, 7);
  }

  @Test
  @Order(2)
  void aTargetBeyondTheArchiveIsRejectedUpFrontWithNothingChanged() throws Exception {
    String primary = topology.primary().address();
    List<Integer> before = sql.ids(primary);
    List<String> disks = disks();
    List<String> volumes = stack.volumes();
    List<String> orphans = stack.orphanedDisks();
    Instant future = sql.serverClock(primary).plus(Duration.ofHours(1));

    ApplicationFailure refused = restoreFails(null, RecoveryTargetKind.TIME, future.toString());

    assertThat(refused.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(refused.getOriginalMessage()).startsWith("validate failed: ");
    assertThat(refused.getOriginalMessage()).endsWith("; nothing was changed");
    assertThat(disks()).isEqualTo(disks);
    assertThat(stack.volumes()).isEqualTo(volumes);
    assertThat(stack.orphanedDisks()).isEqualTo(orphans);
    assertThat(sql.ids(primary)).isEqualTo(before);
    assertWritableAndStreaming(primary, 100);
  }

  @Test
  @Order(3)
  void anInPlaceRestoreToAnXidHoldsThatTransactionAndEveryOneCommittedBefore() throws Exception {
    String primary = topology.primary().address();
    List<Integer> before = sql.ids(primary);
    backup();
    sql.execute(primary, "INSERT INTO rows VALUES (8, 'before the xid')");
    long xid = sql.insertReturningXid(primary, 9);
    sql.execute(primary, "INSERT INTO rows VALUES (10, 'after the xid')");
    awaitArchivedThroughNow(primary);

    RestoreResult result = restore(null, RecoveryTargetKind.XID, Long.toString(xid));

    xidTimeline = result.recovery().timeline();
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(sql.ids(primary)).containsExactlyInAnyOrderElementsOf(plus(before, 8, 9));
    assertWritableAndStreaming(primary, 101);
  }

  /**
   * The backup taken before the xid restore, restored to an LSN written after that restore's
   * promotion: recovery follows the new timeline's history file across the switch.
   */
  @Test
  @Order(4)
  void anInPlaceRestoreToAnLsnAcrossATimelineSwitchHoldsEverythingUpToIt() throws Exception {
    String primary = topology.primary().address();
    List<Integer> before = sql.ids(primary);
    String olderBackup = backups.get(backups.size() - 1).backupId();
    sql.execute(primary, "INSERT INTO rows VALUES (11, 'before the lsn')");
    sql.execute(primary, "INSERT INTO rows VALUES (12, 'before the lsn')");
    String lsn = sql.walLsn(primary);
    sql.execute(primary, "INSERT INTO rows VALUES (13, 'after the lsn')");
    awaitArchivedThroughNow(primary);

    RestoreResult result = restore(olderBackup, RecoveryTargetKind.LSN, lsn);

    assertThat(result.backup().backupId()).isEqualTo(olderBackup);
    assertThat(result.backup().timeline()).isLessThan(xidTimeline);
    assertThat(result.recovery().timeline()).isGreaterThan(xidTimeline);
    assertThat(sql.ids(primary)).containsExactlyInAnyOrderElementsOf(plus(before, 11, 12));
    assertWritableAndStreaming(primary, 102);
  }

  /**
   * An xid that never committed: recovery replays the whole archive without reaching it, and the
   * rollback puts the old disks back, so the old data runs again, writable and replicated.
   */
  @Test
  @Order(5)
  void aRestoreThatFailsMidwayLeavesTheOldDataUsable() throws Exception {
    String primary = topology.primary().address();
    List<Integer> before = sql.ids(primary);
    List<String> disks = disks();
    List<String> volumes = stack.volumes();
    List<String> orphans = stack.orphanedDisks();
    long neverCommitted = Long.parseLong(sql.scalar(primary, "SELECT txid_current()")) + 1_000_000;

    ApplicationFailure failed =
        restoreFails(null, RecoveryTargetKind.XID, Long.toString(neverCommitted));

    assertThat(failed.getType()).isEqualTo(FailureType.OPERATION_FAILED.name());
    assertThat(failed.getOriginalMessage()).contains("rolled back: the old data runs again");
    assertThat(disks()).isEqualTo(disks);
    // the new volumes were orphaned by the re-attach and deleted; the old disks are no orphans
    assertThat(stack.volumes()).isEqualTo(volumes);
    assertThat(stack.orphanedDisks()).isEqualTo(orphans);
    assertThat(sql.ids(primary)).isEqualTo(before);
    assertWritableAndStreaming(primary, 103);
  }

  /**
   * Another cluster, provisioned with passwords of its own, filled from this cluster's newest
   * backup up to an LSN: it holds exactly those rows, takes writes with its own credentials and
   * replicates them, and archives into its own stanza; the source keeps its disks, rows, timeline
   * and archive.
   */
  @Test
  @Order(6)
  void aRestoreIntoANewClusterLeavesTheSourceIntact() throws Exception {
    String source = topology.primary().address();
    sql.execute(source, "INSERT INTO rows VALUES (200, 'before the lsn')");
    String lsn = sql.walLsn(source);
    sql.execute(source, "INSERT INTO rows VALUES (201, 'after the lsn')");
    awaitArchivedThroughNow(source);
    List<Integer> sourceRows = sql.ids(source);
    List<String> sourceDisks = disks();
    int sourceTimeline = sql.timeline(source);
    List<Integer> sourceArchiveTimelines =
        stack.catalog.archiveCoverage(stack.clusterId).timelines();
    String newId = "rn-" + UUID.randomUUID().toString().substring(0, 8);
    String newPassword = UUID.randomUUID().toString();
    Topology target = setUpCluster(newId, stack.deployPostgres(newId), newPassword);
    NodeSql newSql = new NodeSql(newPassword);

    RestoreResult result =
        workflow(RestoreWorkflow.class, "restore-new")
            .restore(
                new RestoreInput(
                    newId,
                    "op-restore-new",
                    target,
                    stack.clusterId,
                    null,
                    new RecoveryTarget(RecoveryTargetKind.LSN, lsn),
                    RestoreMode.NEW_CLUSTER,
                    new ClusterSecrets(newPassword, newPassword, newPassword),
                    Map.of()));

    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .contains("adopt restored data");
    String primary = target.primary().address();
    List<Integer> expected = new ArrayList<>(sourceRows);
    expected.remove(Integer.valueOf(201));
    assertThat(newSql.ids(primary)).containsExactlyInAnyOrderElementsOf(expected);
    newSql.execute(primary, "INSERT INTO rows VALUES (300, 'in the new cluster')");
    String standby = target.standby().address();
    await("the new standby to replay row 300", () -> newSql.ids(standby).contains(300));
    await(
        "the new cluster to archive into its own stanza",
        () -> {
          newSql.execute(primary, "SELECT pg_switch_wal()");
          Thread.sleep(TICK_MILLIS);
          return !stack.catalog.archiveCoverage(newId).timelines().isEmpty();
        });

    assertThat(disks()).isEqualTo(sourceDisks);
    assertThat(sql.ids(source)).containsExactlyInAnyOrderElementsOf(sourceRows);
    assertThat(sql.timeline(source)).isEqualTo(sourceTimeline);
    assertThat(stack.catalog.archiveCoverage(stack.clusterId).timelines())
        .isEqualTo(sourceArchiveTimelines);
    assertWritableAndStreaming(source, 104);
  }

  /**
   * PITR across a promotion: a backup of the primary, a row, the standby promoted (timeline switch,
   * the old primary stopped), rows on the new timeline around an LSN; the restore of the backup
   * from before the switch to that LSN holds the rows of both timelines up to it, none after.
   */
  @Test
  @Order(7)
  void anInPlaceRestoreAcrossAPromotionHoldsTheRowsOfBothTimelinesUpToTheTarget() throws Exception {
    String oldPrimary = topology.primary().address();
    String promoted = topology.standby().address();
    BackupRecord backup = backup();
    sql.execute(oldPrimary, "INSERT INTO rows VALUES (400, 'old timeline')");
    awaitArchivedThroughNow(oldPrimary);
    await("the standby to replay row 400", () -> sql.ids(promoted).contains(400));
    List<Integer> before = sql.ids(oldPrimary);
    sql.execute(promoted, "SELECT pg_promote(true, 60)");
    // the control file names the new timeline only after a checkpoint on it
    sql.execute(promoted, "CHECKPOINT");
    int promotedTimeline = sql.timeline(promoted);
    topology =
        new Topology(
            topology.deployment(),
            List.of(node(stack.vm(1), NodeRole.PRIMARY), node(stack.vm(0), NodeRole.STANDBY)));
    sql.execute(promoted, "INSERT INTO rows VALUES (401, 'new timeline')");
    sql.execute(promoted, "INSERT INTO rows VALUES (402, 'new timeline')");
    String lsn = sql.walLsn(promoted);
    sql.execute(promoted, "INSERT INTO rows VALUES (403, 'after the lsn')");
    awaitArchivedThroughNow(promoted);

    RestoreResult result = restore(backup.backupId(), RecoveryTargetKind.LSN, lsn);

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(backup.timeline()).isLessThan(promotedTimeline);
    assertThat(result.recovery().timeline()).isGreaterThan(promotedTimeline);
    assertThat(sql.ids(promoted)).containsExactlyInAnyOrderElementsOf(plus(before, 401, 402));
    assertWritableAndStreaming(promoted, 404);
  }

  /**
   * A cluster of two fresh VMs as provisioning leaves it: primary, archiving, streaming standby.
   */
  private Topology setUpCluster(String cluster, List<LocalVm> vms, String secret) {
    Topology t =
        new Topology(
            ClusterNaming.deployment(cluster),
            List.of(node(vms.get(0), NodeRole.PRIMARY), node(vms.get(1), NodeRole.STANDBY)));
    PostgresCredentials credentials =
        new PostgresCredentials(secret, ClusterSecrets.REPLICATION_USER, secret);
    workflow(SetupClusterWorkflow.class, "setup")
        .setUp(
            new SetupClusterWorkflow.Input(
                cluster,
                t,
                credentials,
                stack.archiveOf(cluster),
                new BuildStandbyInput(
                    cluster,
                    vms.get(0).address(),
                    Topology.POSTGRES_PORT,
                    "standby_postgres_1",
                    credentials,
                    Map.of(),
                    List.of(vms.get(0).address(), vms.get(1).address()))));
    return t;
  }

  private BackupRecord backup() {
    String backupId = "b-" + UUID.randomUUID().toString().substring(0, 8);
    BackupRecord backup =
        workflow(BackupWorkflow.class, "backup")
            .backup(
                new BackupInput(
                    stack.clusterId,
                    "op-" + backupId,
                    backupId,
                    topology,
                    BackupMode.SNAPSHOT,
                    null))
            .backup();
    assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
    backups.add(backup);
    return backup;
  }

  private RestoreResult restore(String backupId, RecoveryTargetKind kind, String value) {
    return workflow(RestoreWorkflow.class, "restore")
        .restore(
            new RestoreInput(
                stack.clusterId,
                "op-restore-" + UUID.randomUUID().toString().substring(0, 8),
                topology,
                stack.clusterId,
                backupId,
                new RecoveryTarget(kind, value),
                RestoreMode.IN_PLACE,
                secrets,
                Map.of()));
  }

  private ApplicationFailure restoreFails(String backupId, RecoveryTargetKind kind, String value) {
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> restore(backupId, kind, value));
    assertThat(failed).as("the restore to %s %s failed", kind, value).isNotNull();
    return (ApplicationFailure) failed.getCause();
  }

  private List<String> disks() {
    return List.of(stack.vm(0).diskCid(), stack.vm(1).diskCid());
  }

  private void assertWritableAndStreaming(String primary, int id) throws Exception {
    assertThat(sql.scalar(primary, "SELECT pg_is_in_recovery()")).isEqualTo("f");
    sql.execute(primary, "INSERT INTO rows VALUES (" + id + ", 'written afterwards')");
    String standby = topology.standby().address();
    await("the standby to replay row " + id, () -> sql.ids(standby).contains(id));
    assertThat(sql.ids(standby)).isEqualTo(sql.ids(primary));
  }

  /** Switches WAL until the archive holds everything the node wrote so far. */
  private void awaitArchivedThroughNow(String primary) throws Exception {
    String lsn = sql.walLsn(primary);
    awaitArchive(
        primary,
        "WAL past " + lsn,
        coverage ->
            coverage.newestEndLsn() != null
                && "t"
                    .equals(
                        sql.scalar(
                            primary,
                            "SELECT '%s'::pg_lsn > '%s'::pg_lsn"
                                .formatted(coverage.newestEndLsn(), lsn))));
  }

  /**
   * The archive's newest segment must be stored after the target, else the restore refuses the
   * target. The store's times have whole seconds, so WAL is switched until a segment stored after
   * the target shows.
   */
  private void awaitArchivedAfter(String primary, Instant target) throws Exception {
    awaitArchive(
        primary,
        "WAL stored after the target",
        coverage ->
            coverage.newestArchivedAtMillis() != null
                && coverage.newestArchivedAtMillis() >= target.toEpochMilli());
  }

  /** WAL switched (with a tick in a table of its own: an idle segment does not switch) until. */
  private void awaitArchive(String primary, String what, ArchiveCheck done) throws Exception {
    sql.execute(
        primary, "CREATE TABLE IF NOT EXISTS ticks (at timestamptz DEFAULT clock_timestamp())");
    await(
        "the archive to hold " + what,
        () -> {
          sql.execute(primary, "INSERT INTO ticks DEFAULT VALUES");
          sql.execute(primary, "SELECT pg_switch_wal()");
          Thread.sleep(TICK_MILLIS);
          return done.test(stack.catalog.archiveCoverage(stack.clusterId));
        });
  }

  private interface ArchiveCheck {
    boolean test(ArchiveCoverage coverage) throws Exception;
  }

  /** {@code before} and the given ids: the rows a restore is expected to hold. */
  private static List<Integer> plus(List<Integer> before, Integer... ids) {
    List<Integer> rows = new ArrayList<>(before);
    rows.addAll(List.of(ids));
    return rows;
  }

  private static ClusterNode node(LocalVm vm, NodeRole role) {
    return new ClusterNode("postgres", vm.index(), vm.instanceId(), vm.address(), role);
  }

  private <T> T workflow(Class<T> type, String name) {
    return SharedTemporal.get()
        .client()
        .newWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setTaskQueue(stack.taskQueue)
                .setWorkflowId(SharedTemporal.uniqueName(name + "-" + stack.clusterId))
                .setWorkflowExecutionTimeout(WORKFLOW_TIMEOUT)
                .build());
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT_BOUND.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT_BOUND + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
