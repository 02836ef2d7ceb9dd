package io.pgfleet.testenv.bench.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchoverOptionsTest {

  @Test
  void defaultsToFiveRunsOfBothSystems() {
    SwitchoverOptions options = SwitchoverOptions.parse();
    assertThat(options.runs()).isEqualTo(5);
    assertThat(options.systems()).containsExactly("pgfleet", "patroni");
  }

  @Test
  void readsRunsSystemsInTheirOrderAndState() {
    SwitchoverOptions options =
        SwitchoverOptions.parse("2", "--systems", "patroni,pgfleet", "--state", "/tmp/s");
    assertThat(options)
        .isEqualTo(new SwitchoverOptions(2, List.of("pgfleet", "patroni"), Path.of("/tmp/s")));
  }

  @Test
  void refusesUnknownSystemsAndBadRuns() {
    assertThatThrownBy(() -> SwitchoverOptions.parse("--systems", "stolon"))
        .hasMessageContaining("unknown system stolon");
    assertThatThrownBy(() -> SwitchoverOptions.parse("0")).hasMessageContaining("RUNS");
  }
}
