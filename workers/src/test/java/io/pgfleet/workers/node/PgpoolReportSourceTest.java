package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgpoolReportSourceTest {

  @TempDir Path dir;

  private final FakeFailureSignals signals = new FakeFailureSignals();
  private final AtomicLong clock = new AtomicLong(0);
  private final ReportOutbox outbox = new ReportOutbox(signals, "cluster/c1", clock::get);

  @Test
  void aReportFileBecomesASignalAndIsDeletedOnlyOnceAccepted() throws Exception {
    Path file = write("1795322123703-77-backend-0.json", 0, "127.0.1.2", 0);
    PgpoolReportSource source = new PgpoolReportSource(dir, "pgpool/2", outbox);
    signals.failuresLeft = 1;

    source.poll();
    outbox.deliverDue();
    assertThat(file).exists();
    source.poll(); // already queued: not twice
    assertThat(outbox.size()).isEqualTo(1);
    clock.addAndGet(ReportOutbox.FIRST_RETRY_MILLIS);
    outbox.deliverDue();

    assertThat(file).doesNotExist();
    assertThat(signals.delivered())
        .extracting(
            DataPlaneReport::reporter, DataPlaneReport::suspectAddress, DataPlaneReport::atMillis)
        .containsExactly(tuple("pgpool/2", "127.0.1.2", 1795322123703L));
    assertThat(signals.delivered().get(0).detail())
        .contains("backend 0 (127.0.1.2:5432), the primary");
  }

  @Test
  void reportsGoOutOldestFirstAndHalfWrittenOrForeignFilesAreLeftAlone() throws Exception {
    write("200-1-backend-1.json", 1, "127.0.1.3", 0);
    write("100-1-backend-0.json", 0, "127.0.1.2", 0);
    Files.writeString(dir.resolve(".report-5.tmp"), "{\"failed_node_id\":");
    Files.writeString(dir.resolve("notes.txt"), "hello");

    new PgpoolReportSource(dir, "pgpool/0", outbox).poll();
    outbox.deliverDue();

    assertThat(signals.delivered())
        .extracting(DataPlaneReport::suspectAddress)
        .containsExactly("127.0.1.2", "127.0.1.3");
    assertThat(signals.delivered().get(1).detail())
        .contains("not the primary (pgpool's primary was backend 0)");
    assertThat(dir.resolve(".report-5.tmp")).exists();
    assertThat(dir.resolve("notes.txt")).exists();
  }

  @Test
  void anUnreadableReportIsDeletedWithoutASignal() throws Exception {
    Path junk = dir.resolve("1-1-backend-0.json");
    Files.writeString(junk, "not json");

    new PgpoolReportSource(dir, "pgpool/0", outbox).poll();
    outbox.deliverDue();

    assertThat(junk).doesNotExist();
    assertThat(signals.attempts).isZero();
  }

  @Test
  void aMissingDirectoryIsNothingToReport() {
    new PgpoolReportSource(dir.resolve("absent"), "pgpool/0", outbox).poll();

    assertThat(outbox.size()).isZero();
  }

  private Path write(String name, int node, String host, int oldPrimary) throws Exception {
    long at = Long.parseLong(name.substring(0, name.indexOf('-')));
    return Files.writeString(
        dir.resolve(name),
        "{\"failed_node_id\":%d,\"failed_host\":\"%s\",\"failed_port\":5432,\"old_primary_node_id\":%d,\"at_millis\":%d}\n"
            .formatted(node, host, oldPrimary, at));
  }
}
