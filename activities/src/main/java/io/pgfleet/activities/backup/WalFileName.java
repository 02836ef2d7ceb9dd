package io.pgfleet.activities.backup;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WAL segment file name ({@code TTTTTTTTLLLLLLLLSSSSSSSS}: timeline, then the segment number as a
 * 4 GiB "log id" and the segment within it) and the WAL positions it covers. The repository's
 * clusters run PostgreSQL's default 16 MiB segments, so a log id holds 256 of them.
 *
 * @param timeline the timeline the segment belongs to
 * @param segmentNo the segment's number from the start of WAL: its position on any timeline
 */
record WalFileName(int timeline, long segmentNo) implements Comparable<WalFileName> {

  /** PostgreSQL's default, which pgfleet's clusters keep ({@code initdb} without --wal-segsize). */
  static final long SEGMENT_BYTES = 16L * 1024 * 1024;

  private static final long LOG_ID_BYTES = 0x1_0000_0000L;
  private static final long SEGMENTS_PER_LOG_ID = LOG_ID_BYTES / SEGMENT_BYTES;

  private static final Pattern NAME = Pattern.compile("([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})");

  /** The segment a 24-character name names; empty for anything else (history, label, partial). */
  static Optional<WalFileName> parse(String name) {
    Matcher m = name == null ? null : NAME.matcher(name);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    long segment = Long.parseLong(m.group(3), 16);
    if (segment >= SEGMENTS_PER_LOG_ID) {
      return Optional.empty(); // no such file with 16 MiB segments
    }
    long segmentNo = Long.parseLong(m.group(2), 16) * SEGMENTS_PER_LOG_ID + segment;
    return Optional.of(new WalFileName(Integer.parseUnsignedInt(m.group(1), 16), segmentNo));
  }

  String name() {
    return "%08X%08X%08X"
        .formatted(timeline, segmentNo / SEGMENTS_PER_LOG_ID, segmentNo % SEGMENTS_PER_LOG_ID);
  }

  /** The LSN where the segment starts, as PostgreSQL prints it: {@code 0/5000000}. */
  String startLsn() {
    return lsn(segmentNo * SEGMENT_BYTES);
  }

  /** The LSN just past the segment (the next segment's start): how far WAL reaches with it. */
  String endLsn() {
    return lsn((segmentNo + 1) * SEGMENT_BYTES);
  }

  static String lsn(long position) {
    return "%X/%X".formatted(position >>> 32, position & 0xFFFF_FFFFL);
  }

  /** By position first, then timeline: the order in which WAL was written. */
  @Override
  public int compareTo(WalFileName other) {
    int byPosition = Long.compare(segmentNo, other.segmentNo);
    return byPosition != 0 ? byPosition : Integer.compare(timeline, other.timeline);
  }

  @Override
  public String toString() {
    return name();
  }
}
