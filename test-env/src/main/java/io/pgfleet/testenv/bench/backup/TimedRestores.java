package io.pgfleet.testenv.bench.backup;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workflows.backup.BackupRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The two restores the benchmark compares, each timed from the request (PostgreSQL still running on
 * the old data) until the restored server commits a write, after replaying the same WAL from the
 * archive.
 */
final class TimedRestores {

  /** Table the writability probe inserts into; it is in both backups. */
  static final String PROBE_TABLE = "bench_restore_probe";

  /** A restore of 1 GB plus its WAL that takes longer is broken, not slow. */
  private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(30);

  /** After recovery returned (pgfleet) or the start returned (pgBackRest): replay, promotion. */
  private static final Duration WRITABLE_LIMIT = Duration.ofMinutes(20);

  private final BenchStack stack;
  private final LoadedPrimary primary;
  private final Path runDir;

  TimedRestores(BenchStack stack, LoadedPrimary primary, Path runDir) {
    this.stack = stack;
    this.primary = primary;
    this.runDir = runDir;
  }

  record Timed(double seconds, String detail) {}

  /** Volume from the snapshot, prepareRestore with the catalog's label, awaitRecovery. */
  Timed pgfleet(BackupRecord backup) throws Exception {
    LocalVm vm = currentVm();
    String zone = stack.iaas.volume(vm.diskCid()).availabilityZone();
    String restoreId = "restore-" + UUID.randomUUID().toString().substring(0, 8);
    SnapshotRestoreWorkflow.Input input =
        new SnapshotRestoreWorkflow.Input(
            stack.deployment,
            vm.instanceGroup(),
            vm.instanceId(),
            nodeQueue(vm),
            backup.snapshot().snapshotIds().get(0),
            zone,
            backup.snapshot().backupLabel(),
            backup.snapshot().tablespaceMap(),
            stack.archive,
            restoreId);
    long start = System.nanoTime();
    SnapshotRestoreWorkflow.Result result =
        stack.workflow(SnapshotRestoreWorkflow.class, restoreId, RESTORE_TIMEOUT).restore(input);
    primary.db().awaitWritable(PROBE_TABLE, WRITABLE_LIMIT);
    double seconds = (System.nanoTime() - start) / 1e9;
    // the replaced disk is released, untimed, as RestoreWorkflow does once the restore proved good
    host(BenchHostWorkflow.Action.DELETE_ORPHANED_DISKS, vm, restoreId + "-release");
    return new Timed(
        seconds,
        String.join(", ", result.steps())
            + "; timeline "
            + result.recovery().timeline()
            + " at "
            + result.recovery().endLsn());
  }

  /** Stop through the agent, {@code pgbackrest restore} into the emptied directory, start. */
  Timed pgbackrest() throws Exception {
    LocalVm vm = currentVm();
    String id = "pgbackrest-restore-" + UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    host(BenchHostWorkflow.Action.STOP_POSTGRES, vm, id);
    double stopped = (System.nanoTime() - start) / 1e9;
    PgBackRestRestore.run(vm, stack.clusterId, runDir.resolve("pgbackrest-restore.log"));
    double restored = (System.nanoTime() - start) / 1e9;
    host(BenchHostWorkflow.Action.START_POSTGRES, vm, id);
    double started = (System.nanoTime() - start) / 1e9;
    primary.db().awaitWritable(PROBE_TABLE, WRITABLE_LIMIT);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Timed(
        seconds,
        String.format(
            java.util.Locale.ROOT,
            "stop PostgreSQL %.1f s, pgbackrest restore %.1f s, start %.1f s, replay and promote"
                + " %.1f s",
            stopped,
            restored - stopped,
            started - restored,
            seconds - started));
  }

  private void host(BenchHostWorkflow.Action action, LocalVm vm, String contextId) {
    stack
        .workflow(BenchHostWorkflow.class, contextId + "-" + action, RESTORE_TIMEOUT)
        .run(new BenchHostWorkflow.Input(action, nodeQueue(vm), stack.deployment, contextId));
  }

  /** The VM as the cloud sees it now: a pgfleet restore gives it another disk. */
  private LocalVm currentVm() {
    return stack
        .cloud
        .vm(stack.deployment, primary.vm().instanceGroup(), primary.vm().index())
        .orElseThrow();
  }

  private String nodeQueue(LocalVm vm) {
    return NodeAgentConfig.taskQueue(stack.deployment, vm.instanceId());
  }
}
