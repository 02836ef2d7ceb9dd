package io.pgfleet.testenv.bench.switchover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgfleet.testenv.bench.failover.BenchNumbers;
import io.pgfleet.testenv.bench.failover.Percentiles;
import java.util.List;
import java.util.Objects;

/**
 * The benchmark's last line. Percentiles are over measured runs only; {@code *_measured} says how
 * many that were. {@code acked_rows_lost} is pgfleet's total over its runs (the claim),
 * null when some run could not read its rows back; Patroni's is {@code patroni_acked_rows_lost}.
 */
final class SwitchoverReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SwitchoverReport() {}

  static String jsonLine(int runs, List<SwitchResult> results) {
    String pgfleet = PgfleetSwitchover.SYSTEM;
    String patroni = PatroniSwitchover.SYSTEM;
    Double pgfleetP50 = percentile(results, pgfleet, 0.5);
    Double patroniP50 = percentile(results, patroni, 0.5);
    ObjectNode line = JSON.createObjectNode().put("bench", "switchover").put("runs", runs);
    line.put("pgfleet_gap_p50_s", BenchNumbers.seconds(pgfleetP50));
    line.put("pgfleet_gap_p95_s", BenchNumbers.seconds(percentile(results, pgfleet, 0.95)));
    line.put("patroni_gap_p50_s", BenchNumbers.seconds(patroniP50));
    line.put("patroni_gap_p95_s", BenchNumbers.seconds(percentile(results, patroni, 0.95)));
    line.put("ratio", BenchNumbers.ratio(pgfleetP50, patroniP50));
    line.put("acked_rows_lost", rowsLost(results, pgfleet));
    line.put("patroni_acked_rows_lost", rowsLost(results, patroni));
    line.put("pgfleet_measured", measured(results, pgfleet));
    line.put("patroni_measured", measured(results, patroni));
    return line.toString();
  }

  static Double percentile(List<SwitchResult> results, String system, double p) {
    return Percentiles.of(
        results.stream()
            .filter(r -> r.system().equals(system) && r.measured())
            .map(SwitchResult::gapSeconds)
            .toList(),
        p);
  }

  /** The sum over a system's runs; null when it had none or one could not read back. */
  private static Integer rowsLost(List<SwitchResult> results, String system) {
    List<SwitchResult> runs = results.stream().filter(r -> r.system().equals(system)).toList();
    if (runs.isEmpty() || runs.stream().map(SwitchResult::rowsLost).anyMatch(Objects::isNull)) {
      return null;
    }
    return runs.stream().mapToInt(SwitchResult::rowsLost).sum();
  }

  private static int measured(List<SwitchResult> results, String system) {
    return (int) results.stream().filter(r -> r.system().equals(system) && r.measured()).count();
  }
}
