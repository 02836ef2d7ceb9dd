package io.pgfleet.testenv.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsToTenRunsOfEverySystem() {
    BenchOptions options = BenchOptions.parse();

    assertThat(options.runs()).isEqualTo(10);
    assertThat(options.systems()).containsExactly("pgfleet", "patroni_default", "patroni_tuned");
    assertThat(options.state()).isEqualTo(Path.of(".pgfleet"));
  }

  @Test
  void takesRunsSystemsInTheirFixedOrderAndTheStateDirectory() {
    BenchOptions options =
        BenchOptions.parse("3", "--systems", "patroni_tuned,pgfleet", "--state", "/x/.pgfleet");

    assertThat(options)
        .isEqualTo(
            new BenchOptions(3, List.of("pgfleet", "patroni_tuned"), Path.of("/x/.pgfleet")));
  }

  @Test
  void rejectsWhatItDoesNotKnow() {
    assertThatThrownBy(() -> BenchOptions.parse("0"))
        .hasMessageStartingWith("RUNS must be a positive number, not 0; usage: bench/failover");
    assertThatThrownBy(() -> BenchOptions.parse("--systems", "stolon"))
        .hasMessageStartingWith("unknown system stolon; usage:");
    assertThatThrownBy(() -> BenchOptions.parse("--systems"))
        .hasMessageStartingWith("--systems needs a value");
  }
}
