package io.pgfleet.testenv.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutageTest {

  private static final long KILL_START = 10_000;
  private static final long KILL_DONE = 10_030;

  @Test
  void runsFromTheLastAckBeforeTheKillToTheFirstAckOfAWriteSentAfterIt() {
    List<Ack> acks =
        List.of(
            new Ack(1, 101, 9_900, 9_905),
            new Ack(2, 102, 9_950, 9_990),
            new Ack(3, 131, 14_000, 14_200),
            new Ack(4, 132, 14_250, 14_260));

    Outage outage = Outage.around(acks, KILL_START, KILL_DONE).orElseThrow();

    assertThat(outage.lastAckBeforeMillis()).isEqualTo(9_990);
    assertThat(outage.firstAckAfterMillis()).isEqualTo(14_200);
    assertThat(outage.seconds()).isEqualTo(4.21);
  }

  @Test
  void aWriteSentBeforeTheKillAndAcknowledgedWhileTheVictimDiedDoesNotEndIt() {
    List<Ack> acks =
        List.of(
            new Ack(1, 1, 9_950, 9_960),
            new Ack(2, 2, 9_990, 10_010), // in flight when the kill began
            new Ack(3, 3, 12_000, 12_100));

    Outage outage = Outage.around(acks, KILL_START, KILL_DONE).orElseThrow();

    assertThat(outage.lastAckBeforeMillis()).isEqualTo(9_960);
    assertThat(outage.firstAckAfterMillis()).isEqualTo(12_100);
  }

  @Test
  void isOpenWhileNoWriteSentAfterTheKillWasAcknowledged() {
    List<Ack> acks = List.of(new Ack(1, 1, 9_950, 9_960), new Ack(2, 2, 10_000, 10_020));

    assertThat(Outage.around(acks, KILL_START, KILL_DONE)).isEmpty();
  }

  @Test
  void needsAnAcknowledgedWriteBeforeTheKill() {
    List<Ack> acks = List.of(new Ack(1, 1, 11_000, 11_010));

    assertThatThrownBy(() -> Outage.around(acks, KILL_START, KILL_DONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the write probe had no acknowledged write before the kill");
  }
}
