package io.pgfleet.testenv.bench.backup;

import io.pgfleet.testenv.bench.failover.Percentiles;
import java.util.List;
import java.util.Locale;

/** The last line of {@code bench/restore}: one JSON object; a value not measured is null. */
record RestoreReport(
    int runs,
    long dbBytes,
    long walBytes,
    List<Double> pgfleetSeconds,
    List<Double> pgbackrestSeconds,
    int verifiedRuns) {

  String json() {
    Double pgfleet = Percentiles.of(pgfleetSeconds, 0.5);
    Double pgbackrest = Percentiles.of(pgbackrestSeconds, 0.5);
    Double ratio = pgfleet == null || pgbackrest == null ? null : pgfleet / pgbackrest;
    return String.format(
        Locale.ROOT,
        "{\"bench\":\"restore\",\"runs\":%d,\"db_bytes\":%d,\"wal_bytes\":%d,"
            + "\"pgfleet_p50_s\":%s,\"pgbackrest_p50_s\":%s,\"ratio\":%s,"
            + "\"pgfleet_max_s\":%s,\"pgbackrest_max_s\":%s,"
            + "\"pgfleet_measured\":%d,\"pgbackrest_measured\":%d,\"verified_runs\":%d}",
        runs,
        dbBytes,
        walBytes,
        seconds(pgfleet),
        seconds(pgbackrest),
        ratio == null ? "null" : String.format(Locale.ROOT, "%.3f", ratio),
        seconds(Percentiles.of(pgfleetSeconds, 1.0)),
        seconds(Percentiles.of(pgbackrestSeconds, 1.0)),
        pgfleetSeconds.size(),
        pgbackrestSeconds.size(),
        verifiedRuns);
  }

  private static String seconds(Double value) {
    return value == null ? "null" : String.format(Locale.ROOT, "%.2f", value);
  }
}
