package io.pgfleet.testenv.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void summarisesEverySystemInOneLine() throws Exception {
    List<RunResult> results = new ArrayList<>();
    results.add(new RunResult("pgfleet", 1, 3.2, 0, true, "ok"));
    results.add(new RunResult("pgfleet", 2, 4.0, 1, true, "ok"));
    results.add(new RunResult("pgfleet", 3, 2.9, 0, false, "ok"));
    results.add(new RunResult("patroni_default", 1, 38.0, 0, null, "ok"));
    results.add(new RunResult("patroni_default", 2, 35.5, 2, null, "ok"));
    results.add(new RunResult("patroni_tuned", 1, 10.47, 0, null, "ok"));

    String line = FailoverReport.jsonLine(3, results);

    assertThat(line).startsWith("{\"bench\":\"failover\",\"runs\":3,\"pgfleet_p50_s\":3.20,");
    assertThat(line).doesNotContain("\n");
    JsonNode json = JSON.readTree(line);
    assertThat(json.path("pgfleet_p95_s").decimalValue()).isEqualByComparingTo("4.00");
    assertThat(json.path("patroni_default_p50_s").decimalValue()).isEqualByComparingTo("35.50");
    assertThat(json.path("patroni_tuned_p50_s").decimalValue()).isEqualByComparingTo("10.47");
    assertThat(json.path("ratio_vs_patroni_default").decimalValue())
        .isEqualByComparingTo("0.090"); // 3.2 / 35.5
    assertThat(json.path("rows_lost_max").asInt()).isEqualTo(1);
    assertThat(json.path("patroni_rows_lost_max").asInt()).isEqualTo(2);
    assertThat(json.path("fencing_proven_runs").asInt()).isEqualTo(2);
    assertThat(json.path("pgfleet_measured").asInt()).isEqualTo(3);
    assertThat(json.path("patroni_default_measured").asInt()).isEqualTo(2);
  }

  @Test
  void failedRunsAreCountedButNotTimed() throws Exception {
    List<RunResult> results =
        List.of(
            new RunResult("pgfleet", 1, null, null, null, "no failover operation started"),
            new RunResult("patroni_default", 1, 31.0, 0, null, "ok"));

    JsonNode json = JSON.readTree(FailoverReport.jsonLine(10, results));

    assertThat(json.path("pgfleet_p50_s").isNull()).isTrue();
    assertThat(json.path("ratio_vs_patroni_default").isNull()).isTrue();
    assertThat(json.path("rows_lost_max").isNull()).isTrue();
    assertThat(json.path("fencing_proven_runs").asInt()).isZero();
    assertThat(json.path("pgfleet_measured").asInt()).isZero();
    assertThat(json.path("patroni_tuned_p50_s").isNull()).isTrue();
  }

  @Test
  void aPgfleetOnlyRunLeavesPatronisFiguresNull() throws Exception {
    List<RunResult> results = List.of(new RunResult("pgfleet", 1, 2.5, 0, true, "ok"));

    JsonNode json = JSON.readTree(FailoverReport.jsonLine(1, results));

    assertThat(json.path("patroni_default_p50_s").isNull()).isTrue();
    assertThat(json.path("patroni_rows_lost_max").isNull()).isTrue();
    assertThat(json.path("ratio_vs_patroni_default").isNull()).isTrue();
    assertThat(json.path("fencing_proven_runs").asInt()).isEqualTo(1);
  }

  @Test
  void saysNothingAboutFencingWhenPgfleetDidNotRun() throws Exception {
    List<RunResult> results = List.of(new RunResult("patroni_tuned", 1, 10.0, 0, null, "ok"));

    JsonNode json = JSON.readTree(FailoverReport.jsonLine(1, results));

    assertThat(json.path("fencing_proven_runs").isNull()).isTrue();
  }
}
