package io.pgfleet.activities.backup;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One object of a pgBackRest stanza's WAL archive, from its key below {@code
 * <repo-path>/archive/<stanza>/}: segments at {@code <pg-version>-<db-id>/<timeline+log
 * id>/<segment>-<sha1>[.gz|.lz4|.zst]}, the ".partial" end of a timeline and ".backup" label files
 * beside them, history files at {@code <pg-version>-<db-id>/<timeline>.history}. Anything else
 * (archive.info and its copy) parses to nothing.
 *
 * @param position the segment the file holds or belongs to; null for a history file
 * @param fullSegment whether it is a complete segment (not a .partial or .backup file)
 * @param historyTimeline the timeline a history file introduces; null otherwise
 */
record ArchiveObject(WalFileName position, boolean fullSegment, Integer historyTimeline) {

  private static final Pattern IN_LOG_DIRECTORY =
      Pattern.compile("\\d+-\\d+/[0-9A-F]{16}/([0-9A-F]{24})(.*)");

  private static final Pattern SEGMENT_SUFFIX = Pattern.compile("-[0-9a-f]{40}(\\.[a-z0-9]+)?");

  private static final Pattern HISTORY = Pattern.compile("\\d+-\\d+/([0-9A-F]{8})\\.history");

  /** What {@code relativeKey} (below the stanza's archive prefix) holds, if it is a WAL file. */
  static Optional<ArchiveObject> parse(String relativeKey) {
    Matcher inLog = IN_LOG_DIRECTORY.matcher(relativeKey);
    if (inLog.matches()) {
      String rest = inLog.group(2);
      if (!rest.startsWith("-") && !rest.startsWith(".")) {
        return Optional.empty();
      }
      boolean full = SEGMENT_SUFFIX.matcher(rest).matches();
      return WalFileName.parse(inLog.group(1)).map(name -> new ArchiveObject(name, full, null));
    }
    Matcher history = HISTORY.matcher(relativeKey);
    if (history.matches()) {
      return Optional.of(
          new ArchiveObject(null, false, Integer.parseUnsignedInt(history.group(1), 16)));
    }
    return Optional.empty();
  }

  int timeline() {
    return position != null ? position.timeline() : historyTimeline;
  }
}
