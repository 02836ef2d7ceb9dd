package io.pgfleet.activities.host;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WAL file names and LSNs: how far the archive is behind the current write position. */
final class WalSegments {
  private WalSegments() {}

  /** timeline, then the segment number as two 32-bit halves; ".partial" ends an old timeline. */
  private static final Pattern SEGMENT =
      Pattern.compile("([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})(\\.partial)?");

  private static final Pattern LSN = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

  /** Segments per 4 GiB "log id", the unit the middle part of a file name counts. */
  private static final long LOG_ID_BYTES = 0x1_0000_0000L;

  /**
   * The LSN up to which the archive holds WAL once {@code walFile} is in it: the end of a full
   * segment, the start of a partial one (its valid end is not in the name). Empty for files that
   * are not segments (timeline history, backup labels).
   */
  static OptionalLong archivedUpTo(String walFile, long segmentSize) {
    Matcher m = walFile == null ? null : SEGMENT.matcher(walFile);
    if (m == null || !m.matches() || segmentSize <= 0) {
      return OptionalLong.empty();
    }
    long segmentNo =
        Long.parseLong(m.group(2), 16) * (LOG_ID_BYTES / segmentSize)
            + Long.parseLong(m.group(3), 16);
    boolean partial = m.group(4) != null;
    return OptionalLong.of((partial ? segmentNo : segmentNo + 1) * segmentSize);
  }

  /** Bytes between the archived position and the current one; never negative. */
  static OptionalLong lagBytes(String lastArchivedWal, String currentLsn, long segmentSize) {
    OptionalLong archived = archivedUpTo(lastArchivedWal, segmentSize);
    OptionalLong current = parseLsn(currentLsn);
    if (archived.isEmpty() || current.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(0, current.getAsLong() - archived.getAsLong()));
  }

  static OptionalLong parseLsn(String lsn) {
    Matcher m = lsn == null ? null : LSN.matcher(lsn);
    if (m == null || !m.matches()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16));
  }
}
