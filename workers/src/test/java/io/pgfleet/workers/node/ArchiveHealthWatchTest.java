package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.host.ArchiveStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchiveHealthWatchTest {

  private final ArchiveHealthWatch watch = new ArchiveHealthWatch("postgres/0");

  private static Optional<ArchiveStatus> primary(boolean failing, int pending, Long oldest) {
    return Optional.of(
        new ArchiveStatus(
            "c-1",
            true,
            "on",
            true,
            true,
            12,
            "000000010000000000000006",
            1_000L,
            failing ? 4 : 0,
            failing ? "000000010000000000000007" : null,
            failing ? 2_000L : null,
            failing,
            pending,
            oldest,
            1024L));
  }

  private Optional<ArchiveHealth> observeAndDeliver(Optional<ArchiveStatus> seen, long now) {
    Optional<ArchiveHealth> report = watch.observe(seen, now);
    report.ifPresent(watch::delivered);
    return report;
  }

  @Test
  void eachChangeOfStateIsReportedOnce() {
    ArchiveHealth first = observeAndDeliver(primary(false, 0, null), 1).orElseThrow();
    assertThat(first.healthy()).isTrue();
    assertThat(first.reporter()).isEqualTo("postgres/0");
    assertThat(first.lastArchivedWal()).isEqualTo("000000010000000000000006");
    assertThat(observeAndDeliver(primary(false, 1, 3L), 2)).isEmpty();

    ArchiveHealth failing = observeAndDeliver(primary(true, 2, 40L), 3).orElseThrow();
    assertThat(failing.healthy()).isFalse();
    assertThat(failing.problem())
        .isEqualTo("archiving 000000010000000000000007 into stanza c-1 failed (4 failures so far)");
    assertThat(failing.atMillis()).isEqualTo(3);
    assertThat(observeAndDeliver(primary(true, 3, 50L), 4)).isEmpty();

    assertThat(observeAndDeliver(primary(false, 0, null), 5).orElseThrow().healthy()).isTrue();
  }

  @Test
  void anUnchangedStateIsToldAgainNowAndThen() {
    observeAndDeliver(primary(false, 0, null), 1_000);

    assertThat(watch.observe(primary(false, 0, null), ArchiveHealthWatch.REPEAT_MILLIS)).isEmpty();
    assertThat(observeAndDeliver(primary(false, 0, null), ArchiveHealthWatch.REPEAT_MILLIS + 1_000))
        .isPresent();
  }

  @Test
  void walWaitingTooLongIsAProblemToo() {
    long tooLong = ArchiveHealthWatch.PENDING_TOO_LONG_SECONDS + 1;

    ArchiveHealth behind = observeAndDeliver(primary(false, 9, tooLong), 1).orElseThrow();

    assertThat(behind.healthy()).isFalse();
    assertThat(behind.problem()).isEqualTo("9 WAL files wait to be archived, the oldest for 301 s");
  }

  @Test
  void anUndeliveredReportIsOfferedAgain() {
    assertThat(watch.observe(primary(true, 1, 5L), 1)).isPresent();

    assertThat(watch.observe(primary(true, 1, 6L), 2)).isPresent();
  }

  @Test
  void aNodeThatDoesNotArchiveSaysNothingAndReportsAfreshOncePromoted() {
    observeAndDeliver(primary(false, 0, null), 1);
    ArchiveStatus standby =
        new ArchiveStatus(
            "c-1", true, "on", false, true, 0, null, null, 0, null, null, false, 0, null, null);

    assertThat(watch.observe(Optional.of(standby), 2)).isEmpty();
    assertThat(watch.observe(Optional.empty(), 3)).isEmpty();
    assertThat(observeAndDeliver(primary(false, 0, null), 4)).isPresent();
  }
}
