package io.pgfleet.activities.host;

import static io.pgfleet.activities.host.ArchivingTestCluster.archivedAtLeast;
import static io.pgfleet.activities.host.ArchivingTestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.host.RestoreTestSupport.Commit;
import io.pgfleet.workflows.host.BackupStop;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.StartBackupInput;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An archiving primary with a snapshot-style base backup (cp -a of its disk between pg_backup_start
 * and pg_backup_stop), then transactions 1-9, restore point {@link #RESTORE_POINT} and transactions
 * 10-12, each its own commit, all archived. Restore VMs get addresses .4 and up.
 */
final class RestoreFixture implements AutoCloseable {

  static final String RESTORE_POINT = "before-ten";

  final ArchivingTestCluster cluster;
  final PostgresHostActivitiesImpl primary;
  final Path backup;
  final BackupStop backupStop;
  final List<Commit> commits = new ArrayList<>();
  private final List<TestVm> restoreVms = new ArrayList<>();

  RestoreFixture() throws Exception {
    cluster = new ArchivingTestCluster();
    try {
      primary = new PostgresHostActivitiesImpl(cluster.primaryVm.env());
      primary.bootstrapPrimary(cluster.bootstrapInput());
      primary.configureArchiving(ConfigureArchivingInput.async(cluster.settings));
      cluster.execute(cluster.primaryVm, "CREATE TABLE events (id int PRIMARY KEY)");
      backup = cluster.root.resolve("backup");
      primary.startBackup(new StartBackupInput("pitr", "pgfleet pitr"));
      RestoreTestSupport.copyDisk(cluster.primaryVm.env().storeDir(), backup);
      backupStop = primary.stopBackup("pitr");
      try (Connection c = cluster.superuser(cluster.primaryVm)) {
        commits.addAll(RestoreTestSupport.commit(c, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        c.createStatement().execute("SELECT pg_create_restore_point('" + RESTORE_POINT + "')");
        commits.addAll(RestoreTestSupport.commit(c, 10, 11, 12));
      }
      String wal = primary.switchWal();
      await(primary, "archived " + wal, archivedAtLeast(wal));
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** A VM of its own (address {@code .host} of the cluster's block), stopped on close. */
  TestVm restoreVm(String name, String nodeName, int host) {
    TestVm vm = TestVm.create(cluster.root, name, nodeName, cluster.prefix + host);
    restoreVms.add(vm);
    return vm;
  }

  /** What a restore workflow sends: the backup's label and the cluster's archive. */
  PrepareRestoreInput input(RecoveryTarget target) {
    return new PrepareRestoreInput(
        backupStop.backupLabel(), backupStop.tablespaceMap(), target, cluster.settings);
  }

  /** Asserts that the table holds exactly {@code expected} (row ids, in order). */
  void assertRows(TestVm vm, List<Integer> expected) throws Exception {
    try (Connection c = cluster.superuser(vm)) {
      assertThat(RestoreTestSupport.ids(c)).isEqualTo(expected);
    }
  }

  static List<Integer> range(int first, int last) {
    return IntStream.rangeClosed(first, last).boxed().toList();
  }

  @Override
  public void close() {
    restoreVms.forEach(RestoreTestSupport::stopOwnServer);
    cluster.close();
  }
}
