package io.pgfleet.activities.backup;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.backup.PruneWalRequest;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A cluster's pgBackRest WAL archive read and pruned through S3 alone (no pgBackRest needed). */
final class S3WalArchive {

  /** Newest = highest timeline, then position: where a recovery with timeline latest ends. */
  private static final Comparator<WalFileName> NEWEST_LAST =
      Comparator.comparingInt(WalFileName::timeline).thenComparingLong(WalFileName::segmentNo);

  private final S3Repository repository;

  S3WalArchive(S3Repository repository) {
    this.repository = repository;
  }

  private record Entry(String key, ArchiveObject object, S3Object s3) {}

  ArchiveCoverage coverage(String clusterId) {
    TreeSet<Integer> timelines = new TreeSet<>();
    WalFileName oldest = null;
    Entry newest = null;
    for (Entry entry : list(clusterId)) {
      timelines.add(entry.object.timeline());
      WalFileName segment = entry.object.fullSegment() ? entry.object.position() : null;
      if (segment == null) {
        continue;
      }
      if (oldest == null || segment.compareTo(oldest) < 0) {
        oldest = segment;
      }
      if (newest == null || NEWEST_LAST.compare(segment, newest.object.position()) > 0) {
        newest = entry;
      }
    }
    WalFileName newestSegment = newest == null ? null : newest.object.position();
    return new ArchiveCoverage(
        ArchiveSettings.stanzaFor(clusterId),
        List.copyOf(timelines),
        oldest == null ? null : oldest.name(),
        newestSegment == null ? null : newestSegment.name(),
        newestSegment == null ? null : newestSegment.endLsn(),
        newest == null ? null : newest.s3.lastModified().toEpochMilli());
  }

  int prune(PruneWalRequest request) {
    WalFileName needed =
        WalFileName.parse(request.oldestNeededWalFile())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "oldest needed WAL file '"
                            + request.oldestNeededWalFile()
                            + "' is no WAL segment name (24 upper-case hex digits)",
                        FailureType.INVALID_INPUT.name()));
    List<String> doomed = new ArrayList<>();
    for (Entry entry : list(request.clusterId())) {
      WalFileName position = entry.object.position();
      if (position != null && position.segmentNo() < needed.segmentNo()) {
        doomed.add(entry.key);
      }
    }
    S3Deletes.delete(repository, doomed);
    return doomed.size();
  }

  private List<Entry> list(String clusterId) {
    String prefix = ArchiveKeys.prefix(clusterId);
    List<S3Object> objects =
        S3Calls.call(
            "listing " + prefix,
            () ->
                repository
                    .s3
                    .listObjectsV2Paginator(b -> b.bucket(repository.bucket).prefix(prefix))
                    .contents()
                    .stream()
                    .toList());
    List<Entry> entries = new ArrayList<>();
    for (S3Object object : objects) {
      Optional<ArchiveObject> parsed = ArchiveObject.parse(object.key().substring(prefix.length()));
      parsed.ifPresent(p -> entries.add(new Entry(object.key(), p, object)));
    }
    return entries;
  }
}
