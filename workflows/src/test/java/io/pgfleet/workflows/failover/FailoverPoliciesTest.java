package io.pgfleet.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The failover's waits: quick first re-looks, bounded in all; a promotion that hangs is retried.
 */
class FailoverPoliciesTest {

  @Test
  void theFenceProofLooksAgainSoonThenBacksOffToAMaximum() {
    assertThat(
            IntStream.rangeClosed(2, 8)
                .mapToObj(FailoverPolicies::fenceProofInterval)
                .map(Duration::toMillis))
        .containsExactly(250L, 500L, 1_000L, 2_000L, 2_000L, 2_000L, 2_000L);
    assertThat(FailoverPolicies.fenceProofInterval(1_000)).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> FailoverPolicies.fenceProofInterval(1))
        .hasMessage("no wait before the first look, asked for look 1");
  }

  @Test
  void theFenceProofGivesUpWithinSeconds() {
    long waited =
        IntStream.rangeClosed(2, FailoverPolicies.FENCE_PROOF_LOOKS)
            .mapToLong(look -> FailoverPolicies.fenceProofInterval(look).toMillis())
            .sum();

    assertThat(waited).isEqualTo(7_750);
  }

  @Test
  void aHungPromotionIsGivenUpAfterMinutesNotHoursAndRetriedSoon() {
    ActivityOptions promote = FailoverPolicies.promote("node/d/pg1");

    assertThat(promote.getTaskQueue()).isEqualTo("node/d/pg1");
    assertThat(promote.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(promote.getScheduleToStartTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(promote.getRetryOptions().getInitialInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(promote.getRetryOptions().getMaximumAttempts()).isEqualTo(10);
  }
}
