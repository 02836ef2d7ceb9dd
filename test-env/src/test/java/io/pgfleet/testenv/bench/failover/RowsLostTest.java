package io.pgfleet.testenv.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowsLostTest {

  @Test
  void areTheAcknowledgedKeysTheNewPrimaryDoesNotHave() {
    List<Ack> acks =
        List.of(new Ack(1, 11, 0, 1), new Ack(2, 12, 50, 51), new Ack(4, 14, 150, 151));

    assertThat(RowsLost.missing(acks, Set.of(1L, 3L, 4L))).containsExactly(2L);
  }

  @Test
  void unacknowledgedRowsThatMadeItDoNotCount() {
    List<Ack> acks = List.of(new Ack(1, 11, 0, 1));

    assertThat(RowsLost.missing(acks, Set.of(1L, 2L, 3L))).isEmpty();
  }

  @Test
  void areCountedByTheProbesKeyNotByTheServersSequence() {
    // The promoted standby handed out id 12 again to a new row; key 2 is still gone.
    List<Ack> acks = List.of(new Ack(1, 11, 0, 1), new Ack(2, 12, 50, 51));

    assertThat(RowsLost.missing(acks, Set.of(1L, 3L))).containsExactly(2L);
  }
}
