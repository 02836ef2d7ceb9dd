package io.pgfleet.testenv.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workflows.backup.BackupInput;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupResult;
import io.pgfleet.workflows.backup.BackupStatus;
import io.pgfleet.workflows.backup.BackupWorkflow;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.PgBackRestBackupType;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Online backups end to end on the local cloud: a primary on a local VM archiving into S3Proxy, the
 * BackupWorkflow on a real Temporal server driving its node agent. Snapshot mode: the local EC2 API
 * snapshots the VM's disk directory under continuous writes, and the snapshot with the catalog's
 * label restores. Copy mode: pgBackRest backs up into the stanza. Both recorded in the catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupWorkflowIT {

  private static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(5);

  private final String password = UUID.randomUUID().toString();
  private BackupStack stack;
  private LocalVm vm;
  private Topology topology;

  @BeforeAll
  void provisionArchivingPrimary() throws Exception {
    stack = new BackupStack();
    vm = stack.deployPrimary();
    String nodeQueue = NodeAgentConfig.taskQueue(stack.deployment, vm.instanceId());
    ArchiveStatus archiving =
        workflow(PreparePrimaryWorkflow.class, "prepare")
            .prepare(
                new PreparePrimaryWorkflow.Input(
                    stack.clusterId,
                    nodeQueue,
                    new PostgresCredentials(password, "replicator", password),
                    stack.archive));
    assertThat(archiving.repositoryChecked()).isTrue();
    topology =
        new Topology(
            stack.deployment,
            List.of(
                new ClusterNode("postgres", 0, vm.instanceId(), vm.address(), NodeRole.PRIMARY)));
    execute("CREATE TABLE writes (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aSnapshotBackupUnderContinuousWritesIsRecordedWithItsLabelAndArchivedWal() throws Exception {
    String backupId = "b-" + UUID.randomUUID().toString().substring(0, 8);
    BackupResult result;
    long before;
    long total;
    try (ContinuousWriter writer = new ContinuousWriter(jdbcUrl(), password)) {
      awaitWrites(writer, 20);
      before = writer.committed();
      result =
          workflow(BackupWorkflow.class, "backup")
              .backup(
                  new BackupInput(
                      stack.clusterId,
                      "op-" + backupId,
                      backupId,
                      topology,
                      BackupMode.SNAPSHOT,
                      null));
      long during = writer.committed() - before;
      awaitWrites(writer, writer.committed() + 20);
      writer.close();
      assertThat(writer.failed()).as("failed writes, first: %s", writer.firstFailure()).isZero();
      assertThat(during).as("writes committed while the backup ran").isPositive();
      total = writer.committed();
    }

    BackupRecord backup = result.backup();
    assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(backup.snapshot().diskCid()).isEqualTo(vm.diskCid());
    assertThat(backup.snapshot().backupLabel())
        .contains("LABEL: pgfleet backup " + backupId + " of cluster " + stack.clusterId)
        .contains("START WAL LOCATION: " + backup.start().lsn());
    String snapshotId = backup.snapshot().snapshotIds().get(0);
    SnapshotInfo snapshot = stack.iaas.snapshot(snapshotId);
    assertThat(snapshot.completed()).isTrue();
    assertThat(snapshot.diskCid()).isEqualTo(vm.diskCid());
    assertThat(snapshot.tags()).containsEntry("pgfleet:backup", backupId);
    Path copy = stack.snapshotDir(snapshotId).resolve("postgres");
    assertThat(copy.resolve("PG_VERSION")).exists();
    // a non-exclusive backup leaves no label on the disk: the catalog entry carries it
    assertThat(copy.resolve("backup_label")).doesNotExist();
    BackupRecord stored = stack.catalog.get(backup.ref()).orElseThrow();
    assertThat(stored).isEqualTo(backup.withPgfleetVersion(stored.pgfleetVersion()));
    assertThat(archivedWal())
        .anyMatch(key -> key.contains("/" + backup.stop().walFile() + "-"))
        .anyMatch(key -> key.contains("/" + backup.start().walFile() + "."));

    try (RestoreProbe restore =
        new RestoreProbe(copy, stack.stateDir.resolve("restore-" + backupId), backup)) {
      restore.recoverAndPromote();
      long restored = Long.parseLong(restore.query("SELECT count(*) FROM writes"));
      // one writer, one row per transaction: what survives is exactly ids 1..n
      assertThat(restore.query("SELECT coalesce(max(id), 0) FROM writes"))
          .isEqualTo(Long.toString(restored));
      assertThat(restored).isBetween(before, total);
      assertThat(restore.log())
          .contains("restored log file \"" + backup.start().walFile() + "\" from archive")
          .contains("consistent recovery state reached");
    }
  }

  @Test
  void aCopyBackupIsAPgBackRestSetInTheClusterStanzaRecordedInTheCatalog() throws Exception {
    String backupId = "b-" + UUID.randomUUID().toString().substring(0, 8);
    execute("INSERT INTO writes DEFAULT VALUES");

    BackupResult result =
        workflow(BackupWorkflow.class, "copy")
            .backup(
                new BackupInput(
                    stack.clusterId,
                    "op-" + backupId,
                    backupId,
                    topology,
                    BackupMode.COPY,
                    PgBackRestBackupType.INCR));

    BackupRecord backup = result.backup();
    assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(backup.mode()).isEqualTo(BackupMode.COPY);
    assertThat(backup.stanza()).isEqualTo(stack.clusterId);
    // the stanza's first backup: pgBackRest turns the incremental into a full
    assertThat(backup.copy().type()).isEqualTo("full");
    assertThat(backup.copy().label()).endsWith("F");
    assertThat(backup.snapshot()).isNull();
    assertThat(stack.catalog.list(stack.clusterId))
        .extracting(BackupRecord::backupId)
        .contains(backupId);
    String backupPrefix =
        stack.clusterId + "/backup/" + stack.clusterId + "/" + backup.copy().label() + "/";
    try (S3Client client = stack.s3.client()) {
      assertThat(
              client
                  .listObjectsV2(b -> b.bucket(stack.archive.bucket()).prefix(backupPrefix))
                  .contents())
          .as("objects of the backup set under %s", backupPrefix)
          .isNotEmpty();
    }
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

  /** WAL objects of the cluster's stanza, relative to its archive. */
  private List<String> archivedWal() {
    String prefix = stack.clusterId + "/archive/" + stack.clusterId + "/";
    try (S3Client client = stack.s3.client()) {
      return client
          .listObjectsV2Paginator(b -> b.bucket(stack.archive.bucket()).prefix(prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .toList();
    }
  }

  private void awaitWrites(ContinuousWriter writer, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (writer.committed() < count && writer.failed() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("writer stuck at " + writer.committed() + " rows");
      }
      Thread.sleep(20);
    }
  }

  private String jdbcUrl() {
    return "jdbc:postgresql://" + vm.address() + ":5432/postgres?connectTimeout=5";
  }

  private void execute(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String scalar(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
