package io.pgfleet.testenv.bench.backup;

import io.pgfleet.testenv.bench.failover.Percentiles;
import java.util.List;
import java.util.Locale;

/** The last line of {@code bench/backup}: one JSON object; a value not measured is null. */
record BackupReport(
    int runs,
    long dbBytes,
    long diskBytes,
    List<Double> snapshotSeconds,
    List<Double> pgbackrestSeconds,
    Long repositoryBytes) {

  String json() {
    Double snapshot = Percentiles.of(snapshotSeconds, 0.5);
    Double pgbackrest = Percentiles.of(pgbackrestSeconds, 0.5);
    Double ratio = snapshot == null || pgbackrest == null ? null : snapshot / pgbackrest;
    return String.format(
        Locale.ROOT,
        "{\"bench\":\"backup\",\"runs\":%d,\"db_bytes\":%d,\"disk_bytes\":%d,"
            + "\"snapshot_p50_s\":%s,\"pgbackrest_full_p50_s\":%s,\"ratio\":%s,"
            + "\"snapshot_max_s\":%s,\"pgbackrest_full_max_s\":%s,"
            + "\"snapshot_measured\":%d,\"pgbackrest_measured\":%d,\"pgbackrest_repo_bytes\":%s}",
        runs,
        dbBytes,
        diskBytes,
        seconds(snapshot),
        seconds(pgbackrest),
        ratio == null ? "null" : String.format(Locale.ROOT, "%.3f", ratio),
        seconds(Percentiles.of(snapshotSeconds, 1.0)),
        seconds(Percentiles.of(pgbackrestSeconds, 1.0)),
        snapshotSeconds.size(),
        pgbackrestSeconds.size(),
        repositoryBytes == null ? "null" : repositoryBytes.toString());
  }

  private static String seconds(Double value) {
    return value == null ? "null" : String.format(Locale.ROOT, "%.2f", value);
  }
}
