package io.pgfleet.testenv.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  private static final List<Double> TEN =
      List.of(9.0, 1.0, 8.0, 2.0, 7.0, 3.0, 6.0, 4.0, 5.0, 10.0);

  @Test
  void areNearestRank() {
    assertThat(Percentiles.of(TEN, 0.5)).isEqualTo(5.0);
    assertThat(Percentiles.of(TEN, 0.95)).isEqualTo(10.0);
    assertThat(Percentiles.of(TEN, 0.9)).isEqualTo(9.0);
    assertThat(Percentiles.of(List.of(3.5), 0.5)).isEqualTo(3.5);
    assertThat(Percentiles.of(List.of(4.0, 2.0), 0.5)).isEqualTo(2.0);
  }

  @Test
  void ofNothingIsNull() {
    assertThat(Percentiles.of(List.of(), 0.5)).isNull();
  }

  @Test
  void rejectsAPercentileOutsideZeroToOne() {
    assertThatThrownBy(() -> Percentiles.of(TEN, 0))
        .hasMessage("percentile must be in (0, 1]: 0.0");
  }
}
