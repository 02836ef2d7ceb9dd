package io.pgfleet.workers.node;

import io.pgfleet.activities.host.PgpoolFailureReport;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files pgpool's failover hook leaves (one per detached backend) become reports in the outbox;
 * a file is deleted once its report is settled, so a report survives an agent restart.
 */
final class PgpoolReportSource {

  private static final Logger LOG = LoggerFactory.getLogger(PgpoolReportSource.class);

  private final Path dir;
  private final String reporter;
  private final ReportOutbox outbox;

  PgpoolReportSource(Path dir, String reporter, ReportOutbox outbox) {
    this.dir = dir;
    this.reporter = reporter;
    this.outbox = outbox;
  }

  /** Offers every report file not yet queued, oldest first (names start with the time). */
  void poll() {
    for (Path file : reportFiles()) {
      String key = file.getFileName().toString();
      if (outbox.contains(key)) {
        continue;
      }
      PgpoolFailureReport report;
      try {
        report = PgpoolFailureReport.parse(Files.readString(file));
      } catch (NoSuchFileException gone) {
        continue;
      } catch (IOException | IllegalArgumentException e) {
        // the hook renames complete files into place: anything else is not ours to keep
        LOG.warn("Deleting unreadable pgpool failure report {}: {}", file, e.getMessage());
        delete(file);
        continue;
      }
      if (!outbox.offer(key, toReport(reporter, report), () -> delete(file))) {
        return;
      }
    }
  }

  static DataPlaneReport toReport(String reporter, PgpoolFailureReport report) {
    String role =
        report.primaryFailed()
            ? "the primary"
            : "not the primary (pgpool's primary was backend " + report.oldPrimaryNodeId() + ")";
    String detail =
        "pgpool detached backend %d (%s:%d), %s: failed health checks or backend errors, agreed by the pgpools' watchdog vote where they have one"
            .formatted(report.failedNodeId(), report.failedHost(), report.failedPort(), role);
    return new DataPlaneReport(reporter, report.failedHost(), report.atMillis(), detail);
  }

  private List<Path> reportFiles() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return !name.startsWith(".") && name.endsWith(PgpoolFailureReport.FILE_SUFFIX);
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list pgpool failure reports in " + dir, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete pgpool failure report " + file, e);
    }
  }
}
