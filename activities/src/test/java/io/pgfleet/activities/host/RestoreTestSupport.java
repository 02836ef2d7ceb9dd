package io.pgfleet.activities.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For the restore ITs: disks copied the way a snapshot copies them, restore VMs stopped by the pid
 * of their own postmaster only, and transactions recorded one by one with their xid, time and WAL
 * position.
 */
final class RestoreTestSupport {
  private RestoreTestSupport() {}

  private static final long COPY_SECONDS = 120;

  /** Gaps between commits, so a time target between two of them is never ambiguous. */
  private static final long COMMIT_GAP_MILLIS = 15;

  /**
   * One committed transaction: its row id, xid, a moment right after its commit (ISO-8601 and epoch
   * microseconds) and the WAL write position then.
   */
  record Commit(int id, String xid, String after, long afterMicros, String lsn) {}

  /**
   * cp -a of a disk that PostgreSQL keeps writing to, like a snapshot: files it deletes meanwhile
   * may vanish under cp, which is harmless for a base backup (WAL replay recreates them).
   */
  static void copyDisk(Path from, Path to) throws Exception {
    Files.createDirectories(to.getParent());
    Process cp =
        new ProcessBuilder("cp", "-a", from.toString(), to.toString())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String output = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!cp.waitFor(COPY_SECONDS, TimeUnit.SECONDS)) {
      cp.destroyForcibly();
      throw new AssertionError("cp -a " + from + " timed out");
    }
    boolean onlyVanished =
        output.lines().allMatch(line -> line.contains("No such file or directory"));
    if (cp.exitValue() != 0 && !onlyVanished) {
      throw new AssertionError("cp -a " + from + " " + to + " failed: " + output);
    }
  }

  /** The VM's disk replaced by a fresh copy of {@code backup}, its own server stopped first. */
  static void replaceDisk(TestVm vm, Path backup) throws Exception {
    stopOwnServer(vm);
    HostFiles.deleteTree(vm.env().storeDir());
    copyDisk(backup, vm.env().storeDir());
  }

  /**
   * Immediate stop of the postmaster that works in this VM's data directory. A copied disk's
   * postmaster.pid names its source's postmaster; pg_ctl would signal that one.
   */
  static void stopOwnServer(TestVm vm) {
    Path pgData = vm.layout().pgData();
    PostmasterPid.read(pgData)
        .filter(pid -> pid.runsIn(pgData))
        .ifPresent(
            pid ->
                new HostCommandRunner(vm.env())
                    .probe(
                        HostCommand.of(
                            Duration.ofSeconds(30),
                            vm.env().postgresTool("pg_ctl"),
                            "stop",
                            "-D",
                            pgData.toString(),
                            "-m",
                            "immediate")));
  }

  /** Commits {@code ids} one transaction each, recording every commit. */
  static List<Commit> commit(Connection c, int... ids) throws Exception {
    List<Commit> commits = new ArrayList<>();
    for (int id : ids) {
      String xid;
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO events VALUES (?) RETURNING pg_current_xact_id()::text")) {
        s.setInt(1, id);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          xid = rs.getString(1);
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "WITH t AS (SELECT clock_timestamp() AS at)"
                      + " SELECT to_char(at AT TIME ZONE 'UTC',"
                      + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
                      + " (extract(epoch FROM at) * 1000000)::bigint, pg_current_wal_lsn()::text"
                      + " FROM t")) {
        rs.next();
        commits.add(new Commit(id, xid, rs.getString(1), rs.getLong(2), rs.getString(3)));
      }
      Thread.sleep(COMMIT_GAP_MILLIS);
    }
    return commits;
  }

  /** The ids in table events, in order. */
  static List<Integer> ids(Connection c) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM events ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  /** An LSN as a number, for comparisons. */
  static long lsn(String text) {
    int slash = text.indexOf('/');
    return (Long.parseLong(text.substring(0, slash), 16) << 32)
        | Long.parseLong(text.substring(slash + 1), 16);
  }
}
