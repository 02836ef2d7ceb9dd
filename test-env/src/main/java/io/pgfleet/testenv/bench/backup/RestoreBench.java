package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/restore}: one ~1 GB database, a pgBackRest full backup and a pgfleet snapshot backup
 * of it (untimed), then ~200 MB of WAL from pgbench transactions, archived. RUNS times each,
 * alternating: pgfleet's restore (volume from the snapshot, prepareRestore, awaitRecovery) and
 * {@code pgbackrest restore}, both to the end of the archive, timed from the request to the first
 * committed write. Each restored database is checked to hold every pgbench transaction. Prints
 * progress, then one JSON line.
 */
public final class RestoreBench {

  private static final String COUNT_HISTORY = "SELECT count(*) FROM pgbench_history";

  private RestoreBench() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = BenchArgs.parse(argv);
    Path runDir = BackupBench.runDir(args.state(), "bench-restore");
    BenchLogging.toFile(runDir.resolve("bench.log"));
    Path work = WorkDir.create("pgfb-");
    Progress.say("work directory %s, logs %s", work, runDir);
    int status = 1;
    try (BenchRun run =
        BenchRun.start(
            work,
            args.s3proxyJar(),
            SnapshotRestoreWorkflowImpl.class,
            BenchHostWorkflowImpl.class)) {
      LoadedPrimary primary = LoadedPrimary.start(run.stack(), args, runDir);
      System.out.println(measure(run.stack(), primary, args, runDir).json());
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

  private static RestoreReport measure(
      BenchStack stack, LoadedPrimary primary, BenchArgs args, Path runDir) throws Exception {
    BenchDatabase db = primary.db();
    db.execute(
        "CREATE TABLE "
            + TimedRestores.PROBE_TABLE
            + " (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
    long dbBytes = db.databasesBytes();
    TimedBackup copy = TimedBackup.take(stack, primary.topology(), BackupMode.COPY);
    Progress.say(
        "pgBackRest full backup %s in %.1f s", copy.backup().copy().label(), copy.seconds());
    BackupRecord snapshot =
        TimedBackup.take(stack, primary.topology(), BackupMode.SNAPSHOT).backup();
    Progress.say("snapshot backup %s", snapshot.snapshot().snapshotIds().get(0));
    Progress.say("writing %d MB of WAL with pgbench", args.walMb());
    long walBytes =
        PgbenchWrites.write(
            args.pgBinDir().resolve("pgbench"),
            db,
            args.walMb() * 1024L * 1024L,
            runDir.resolve("pgbench.log"));
    db.settleArchive();
    String expected = db.scalar(COUNT_HISTORY);
    Progress.say(
        "wrote %.0f MB of WAL (%s pgbench transactions in all), archived; %d runs each",
        walBytes / 1e6, expected, args.runs());

    TimedRestores restores = new TimedRestores(stack, primary, runDir);
    List<Double> pgfleet = new ArrayList<>();
    List<Double> pgbackrest = new ArrayList<>();
    int verified = 0;
    for (int i = 1; i <= args.runs(); i++) {
      TimedRestores.Timed p = restores.pgfleet(snapshot);
      pgfleet.add(p.seconds());
      verified += verify(db, expected, "pgfleet", i, args.runs(), p);
      TimedRestores.Timed b = restores.pgbackrest();
      pgbackrest.add(b.seconds());
      verified += verify(db, expected, "pgbackrest", i, args.runs(), b);
    }
    return new RestoreReport(args.runs(), dbBytes, walBytes, pgfleet, pgbackrest, verified);
  }

  /** 1 when the restored database holds every transaction pgbench committed, else 0. */
  private static int verify(
      BenchDatabase db, String expected, String system, int run, int runs, TimedRestores.Timed t)
      throws Exception {
    String found = db.scalar(COUNT_HISTORY);
    boolean complete = found.equals(expected);
    Progress.say(
        "run %d/%d %s: writable after %.2f s, %s of %s transactions%s (%s)",
        run, runs, system, t.seconds(), found, expected, complete ? "" : " INCOMPLETE", t.detail());
    return complete ? 1 : 0;
  }
}
