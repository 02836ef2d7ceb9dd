package io.pgfleet.testenv.bench.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.testenv.bench.failover.Ack;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteGapTest {

  private static Ack ack(long n, long sent, long acked) {
    return new Ack(n, n, sent, acked);
  }

  @Test
  void longestPauseBetweenAcknowledgementsFromBeforeTheRequestToTheFirstWriteAfterDone() {
    List<Ack> acks =
        List.of(
            ack(1, 900, 910),
            ack(2, 950, 960), // last before the request at 1000
            ack(3, 1000, 1400), // held, then released: pause 440 ms
            ack(4, 1450, 2300), // the longest pause: 900 ms
            ack(5, 2350, 2360),
            ack(6, 2500, 2510), // first sent after done at 2400
            ack(7, 2550, 9000)); // after the window: not counted
    WriteGap gap = WriteGap.around(acks, 1000, 2400).orElseThrow();
    assertThat(gap).isEqualTo(new WriteGap(1400, 2300));
    assertThat(gap.seconds()).isEqualTo(0.9);
  }

  @Test
  void notOverWhileNoWriteSentAfterDoneWasAcknowledged() {
    List<Ack> acks = List.of(ack(1, 900, 910), ack(2, 1000, 3000));
    assertThat(WriteGap.around(acks, 1000, 2400)).isEmpty();
  }

  @Test
  void needsAnAcknowledgedWriteBeforeTheRequest() {
    List<Ack> acks = List.of(ack(1, 1000, 3000));
    assertThatThrownBy(() -> WriteGap.around(acks, 1000, 2000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before the switchover");
  }
}
