package io.pgfleet.testenv.bench.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The benchmark's last line. Percentiles are over measured runs only; {@code *_measured} says how
 * many that were, so a failed run cannot make a system look faster unnoticed. {@code rows_lost_max}
 * is pgfleet's (the claim), {@code patroni_rows_lost_max} Patroni's.
 */
public final class FailoverReport {

  public static final String PGFLEET = "pgfleet";
  public static final String PATRONI_DEFAULT = "patroni_default";
  public static final String PATRONI_TUNED = "patroni_tuned";

  private static final ObjectMapper JSON = new ObjectMapper();

  private FailoverReport() {}

  public static String jsonLine(int runs, List<RunResult> results) {
    Double pgfleetP50 = percentile(results, PGFLEET, 0.5);
    Double patroniDefaultP50 = percentile(results, PATRONI_DEFAULT, 0.5);
    ObjectNode line = JSON.createObjectNode().put("bench", "failover").put("runs", runs);
    line.put("pgfleet_p50_s", BenchNumbers.seconds(pgfleetP50));
    line.put("pgfleet_p95_s", BenchNumbers.seconds(percentile(results, PGFLEET, 0.95)));
    line.put("patroni_default_p50_s", BenchNumbers.seconds(patroniDefaultP50));
    line.put("patroni_tuned_p50_s", BenchNumbers.seconds(percentile(results, PATRONI_TUNED, 0.5)));
    line.put("ratio_vs_patroni_default", BenchNumbers.ratio(pgfleetP50, patroniDefaultP50));
    line.put("rows_lost_max", rowsLostMax(results, r -> r.system().equals(PGFLEET)));
    line.put("fencing_proven_runs", fencingProvenRuns(results));
    line.put("pgfleet_measured", measured(results, PGFLEET));
    line.put("patroni_default_measured", measured(results, PATRONI_DEFAULT));
    line.put("patroni_tuned_measured", measured(results, PATRONI_TUNED));
    line.put(
        "patroni_default_p95_s", BenchNumbers.seconds(percentile(results, PATRONI_DEFAULT, 0.95)));
    line.put("patroni_tuned_p95_s", BenchNumbers.seconds(percentile(results, PATRONI_TUNED, 0.95)));
    line.put(
        "patroni_rows_lost_max",
        rowsLostMax(
            results, r -> r.system().equals(PATRONI_DEFAULT) || r.system().equals(PATRONI_TUNED)));
    return line.toString();
  }

  static Double percentile(List<RunResult> results, String system, double p) {
    return Percentiles.of(
        results.stream()
            .filter(r -> r.system().equals(system) && r.measured())
            .map(RunResult::outageSeconds)
            .toList(),
        p);
  }

  /** Null when no run of these could read its rows back: unknown is not zero. */
  private static Integer rowsLostMax(List<RunResult> results, Predicate<RunResult> which) {
    return results.stream()
        .filter(which)
        .map(RunResult::rowsLost)
        .filter(Objects::nonNull)
        .max(Integer::compare)
        .orElse(null);
  }

  /** Null when pgfleet never ran: no run proved anything, which is not the same as zero. */
  private static Integer fencingProvenRuns(List<RunResult> results) {
    List<RunResult> pgfleet = results.stream().filter(r -> r.system().equals(PGFLEET)).toList();
    if (pgfleet.isEmpty()) {
      return null;
    }
    return (int) pgfleet.stream().filter(r -> Boolean.TRUE.equals(r.fencingProven())).count();
  }

  private static int measured(List<RunResult> results, String system) {
    return (int) results.stream().filter(r -> r.system().equals(system) && r.measured()).count();
  }
}
