package io.pgfleet.testenv.bench.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.testenv.bench.failover.BenchOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchoverOptionsTest {

  @Test
  void defaultsToFiveRunsOfBothSystems() {
    BenchOptions options = BenchOptions.parse(SwitchoverBench.OPTIONS);
    assertThat(options.runs()).isEqualTo(5);
    assertThat(options.systems()).containsExactly("pgfleet", "patroni");
  }

  @Test
  void readsRunsSystemsInTheirOrderAndState() {
    BenchOptions options =
        BenchOptions.parse(
            SwitchoverBench.OPTIONS, "2", "--systems", "patroni,pgfleet", "--state", "/tmp/s");
    assertThat(options)
        .isEqualTo(new BenchOptions(2, List.of("pgfleet", "patroni"), Path.of("/tmp/s")));
  }

  @Test
  void refusesUnknownSystemsAndBadRuns() {
    assertThatThrownBy(() -> BenchOptions.parse(SwitchoverBench.OPTIONS, "--systems", "stolon"))
        .hasMessageContaining("unknown system stolon");
    assertThatThrownBy(() -> BenchOptions.parse(SwitchoverBench.OPTIONS, "0"))
        .hasMessageContaining("RUNS");
  }
}
