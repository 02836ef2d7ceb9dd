package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.host.ArchiveStatus;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Polls at most every PERIOD_MILLIS; a report the signal did not carry goes out next poll. */
class ArchivePollTest {

  private static final ArchiveStatus FAILING =
      new ArchiveStatus(
          "c-1",
          true,
          "on",
          true,
          true,
          3,
          "000000010000000000000003",
          1L,
          1,
          "000000010000000000000004",
          2L,
          true,
          1,
          12L,
          null);

  private final FakeFailureSignals signals = new FakeFailureSignals();
  private final AtomicInteger reads = new AtomicInteger();
  private final ArchivePoll poll =
      new ArchivePoll(
          new ArchiveHealthWatch("postgres/0"),
          () -> {
            reads.incrementAndGet();
            return Optional.of(FAILING);
          },
          signals,
          "cluster/c-1");

  @Test
  void readsOncePerPeriodAndRetriesAnUndeliveredReport() {
    signals.failuresLeft = 1;

    poll.pollIfDue(0);
    poll.pollIfDue(ArchivePoll.PERIOD_MILLIS - 1);
    assertThat(reads).hasValue(1);
    assertThat(signals.archiveReports).isEmpty();

    poll.pollIfDue(ArchivePoll.PERIOD_MILLIS);
    poll.pollIfDue(2 * ArchivePoll.PERIOD_MILLIS);

    assertThat(reads).hasValue(3);
    assertThat(signals.archiveReports).singleElement().matches(r -> !r.healthy());
    assertThat(signals.workflowIds).containsExactly("cluster/c-1");
  }
}
