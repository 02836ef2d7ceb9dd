package io.pgfleet.testenv.bench.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchoverReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void percentilesRatioAndRowsLostPerSystem() throws Exception {
    List<SwitchResult> results =
        List.of(
            new SwitchResult("pgfleet", 1, 1.2, 0, ""),
            new SwitchResult("pgfleet", 2, 1.6, 0, ""),
            new SwitchResult("pgfleet", 3, 1.4, 0, ""),
            new SwitchResult("patroni", 1, 4.0, 0, ""),
            new SwitchResult("patroni", 2, 2.0, 1, ""));
    JsonNode line = JSON.readTree(SwitchoverReport.jsonLine(3, results));
    assertThat(line.path("bench").asText()).isEqualTo("switchover");
    assertThat(line.path("pgfleet_gap_p50_s").asDouble()).isEqualTo(1.4);
    assertThat(line.path("pgfleet_gap_p95_s").asDouble()).isEqualTo(1.6);
    assertThat(line.path("patroni_gap_p50_s").asDouble()).isEqualTo(2.0);
    assertThat(line.path("ratio").asDouble()).isEqualTo(0.7);
    assertThat(line.path("acked_rows_lost").asInt()).isZero();
    assertThat(line.path("patroni_acked_rows_lost").asInt()).isEqualTo(1);
    assertThat(line.path("pgfleet_measured").asInt()).isEqualTo(3);
  }

  @Test
  void anUnknownLossOrAFailedSystemIsNullNotZero() throws Exception {
    List<SwitchResult> results =
        List.of(
            new SwitchResult("pgfleet", 1, 1.0, 0, ""),
            new SwitchResult("pgfleet", 2, null, null, "refused"));
    JsonNode line = JSON.readTree(SwitchoverReport.jsonLine(2, results));
    assertThat(line.path("acked_rows_lost").isNull()).isTrue();
    assertThat(line.path("patroni_gap_p50_s").isNull()).isTrue();
    assertThat(line.path("ratio").isNull()).isTrue();
    assertThat(line.path("pgfleet_measured").asInt()).isEqualTo(1);
  }
}
