package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReportOutboxTest {

  private final FakeFailureSignals signals = new FakeFailureSignals();
  private final AtomicLong clock = new AtomicLong(1_000);
  private final List<String> cleaned = new ArrayList<>();
  private final ReportOutbox outbox = new ReportOutbox(signals, "cluster/c1", clock::get);

  @Test
  void anAcceptedReportIsCleanedUpAndGone() {
    outbox.offer("a.json", report("a"), () -> cleaned.add("a.json"));

    outbox.deliverDue();

    assertThat(signals.workflowIds).containsExactly("cluster/c1");
    assertThat(signals.delivered()).extracting(DataPlaneReport::detail).containsExactly("a");
    assertThat(cleaned).containsExactly("a.json");
    assertThat(outbox.size()).isZero();
  }

  @Test
  void aFailedSignalKeepsTheReportAndRetriesAfterGrowingPauses() {
    signals.failuresLeft = 2;
    outbox.offer("a.json", report("a"), () -> cleaned.add("a.json"));

    outbox.deliverDue(); // fails: next try in 500 ms
    clock.addAndGet(499);
    outbox.deliverDue(); // too early
    assertThat(signals.attempts).isEqualTo(1);
    clock.addAndGet(1);
    outbox.deliverDue(); // fails again: next try in 1 s
    clock.addAndGet(999);
    outbox.deliverDue();
    assertThat(cleaned).isEmpty();
    assertThat(outbox.contains("a.json")).isTrue();
    clock.addAndGet(1);
    outbox.deliverDue();

    assertThat(signals.attempts).isEqualTo(3);
    assertThat(cleaned).containsExactly("a.json");
    assertThat(outbox.size()).isZero();
  }

  @Test
  void aWorkflowThatDoesNotRunDropsTheReport() {
    signals.noSuchWorkflow = true;
    outbox.offer("a.json", report("a"), () -> cleaned.add("a.json"));

    outbox.deliverDue();

    assertThat(signals.delivered()).isEmpty();
    assertThat(cleaned).containsExactly("a.json");
    assertThat(outbox.size()).isZero();
  }

  @Test
  void aFailureStopsTheRoundSoLaterReportsWait() {
    signals.failuresLeft = 1;
    outbox.offer("a.json", report("a"), () -> cleaned.add("a.json"));
    outbox.offer("b.json", report("b"), () -> cleaned.add("b.json"));

    outbox.deliverDue();
    assertThat(signals.attempts).isEqualTo(1);
    clock.addAndGet(ReportOutbox.FIRST_RETRY_MILLIS);
    outbox.deliverDue();

    assertThat(signals.delivered()).extracting(DataPlaneReport::detail).containsExactly("a", "b");
    assertThat(cleaned).containsExactly("a.json", "b.json");
  }

  @Test
  void aCleanupThatFailsIsRetriedWithoutSignallingAgain() {
    int[] tries = {0};
    outbox.offer(
        "a.json",
        report("a"),
        () -> {
          if (tries[0]++ == 0) {
            throw new IllegalStateException("disk busy");
          }
        });

    outbox.deliverDue();
    assertThat(outbox.contains("a.json")).isTrue();
    outbox.deliverDue();

    assertThat(signals.attempts).isEqualTo(1);
    assertThat(outbox.size()).isZero();
  }

  @Test
  void keysAreQueuedOnceAndTheOutboxIsBounded() {
    assertThat(outbox.offer("a", report("a"), () -> {})).isTrue();
    assertThat(outbox.offer("a", report("a"), () -> {})).isFalse();
    for (int i = 1; i < ReportOutbox.MAX_PENDING; i++) {
      outbox.offer("k" + i, report("k"), () -> {});
    }
    assertThat(outbox.offer("one-too-many", report("x"), () -> {})).isFalse();
  }

  @Test
  void pausesDoubleUpToTheirCap() {
    assertThat(ReportOutbox.pause(1)).isEqualTo(500);
    assertThat(ReportOutbox.pause(2)).isEqualTo(1_000);
    assertThat(ReportOutbox.pause(4)).isEqualTo(4_000);
    assertThat(ReportOutbox.pause(50)).isEqualTo(ReportOutbox.MAX_RETRY_MILLIS);
  }

  private static DataPlaneReport report(String detail) {
    return new DataPlaneReport("pgpool/0", "127.0.1.2", 1L, detail);
  }
}
