package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.backup.BackupMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/backup}: one ~1 GB database, then RUNS times each, alternating, a pgfleet snapshot
 * backup and a pgBackRest full backup of the same cluster into the same S3 repository, both through
 * {@code BackupWorkflow} and timed from the request to the backup recorded in the catalog. Prints
 * progress, then one JSON line.
 */
public final class BackupBench {

  private BackupBench() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = BenchArgs.parse(argv);
    Path runDir = runDir(args.state(), "bench-backup");
    BenchLogging.toFile(runDir.resolve("bench.log"));
    Path work = WorkDir.create("pgfb-");
    Progress.say("work directory %s, logs %s", work, runDir);
    int status = 1;
    try (BenchRun run = BenchRun.start(work, args.s3proxyJar())) {
      LoadedPrimary primary = LoadedPrimary.start(run.stack(), args, runDir);
      System.out.println(measure(run.stack(), primary, args.runs()).json());
      status = 0;
    } catch (Exception e) {
      Progress.say("FAILED: %s (work directory kept: %s)", e, work);
      e.printStackTrace();
    }
    if (status == 0) {
      WorkDir.delete(work);
    }
    // Temporal's and the cloud's threads are not daemons
    System.exit(status);
  }

  private static BackupReport measure(BenchStack stack, LoadedPrimary primary, int runs)
      throws Exception {
    long dbBytes = primary.db().databasesBytes();
    long diskBytes = WorkDir.bytes(primary.vm().storeDir());
    Progress.say(
        "databases %.0f MB, persistent disk %.0f MB; %d runs each",
        dbBytes / 1e6, diskBytes / 1e6, runs);
    List<Double> snapshot = new ArrayList<>();
    List<Double> pgbackrest = new ArrayList<>();
    Long repositoryBytes = null;
    for (int i = 1; i <= runs; i++) {
      TimedBackup s = TimedBackup.take(stack, primary.topology(), BackupMode.SNAPSHOT);
      snapshot.add(s.seconds());
      Progress.say("run %d/%d snapshot: %.2f s (%s)", i, runs, s.seconds(), s.steps());
      // a local snapshot is a full copy of the disk directory: free it, it is not reused
      for (String id : s.backup().snapshot().snapshotIds()) {
        stack.iaas.deleteSnapshot(id);
      }
      TimedBackup c = TimedBackup.take(stack, primary.topology(), BackupMode.COPY);
      pgbackrest.add(c.seconds());
      repositoryBytes = c.backup().copy().repositorySizeBytes();
      Progress.say(
          "run %d/%d pgbackrest full: %.2f s, set %s, %.0f MB in the repository (%s)",
          i, runs, c.seconds(), c.backup().copy().label(), repositoryBytes / 1e6, c.steps());
    }
    return new BackupReport(runs, dbBytes, diskBytes, snapshot, pgbackrest, repositoryBytes);
  }

  static Path runDir(Path state, String name) throws java.io.IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Files.createDirectories(state.resolve(name).resolve(stamp));
  }
}
