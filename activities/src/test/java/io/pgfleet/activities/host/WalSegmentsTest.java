package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WalSegmentsTest {

  private static final long MB16 = 16L * 1024 * 1024;

  @Test
  void aFullSegmentIsArchivedUpToItsEnd() {
    // segment 0x12 of log 0: starts at 0/12000000, ends at 0/13000000
    assertThat(WalSegments.archivedUpTo("000000010000000000000012", MB16)).hasValue(0x13000000L);
    // log id 1, segment 0: 1/00000000 .. 1/01000000
    assertThat(WalSegments.archivedUpTo("000000020000000100000000", MB16)).hasValue(0x1_0100_0000L);
  }

  @Test
  void aPartialSegmentCountsOnlyUpToItsStartAndOtherFilesNotAtAll() {
    assertThat(WalSegments.archivedUpTo("000000010000000000000012.partial", MB16))
        .hasValue(0x12000000L);
    assertThat(WalSegments.archivedUpTo("00000002.history", MB16)).isEmpty();
    assertThat(WalSegments.archivedUpTo("000000010000000000000002.00000028.backup", MB16))
        .isEmpty();
    assertThat(WalSegments.archivedUpTo(null, MB16)).isEmpty();
  }

  @Test
  void lagIsTheWalWrittenBeyondTheArchivedSegment() {
    assertThat(WalSegments.lagBytes("000000010000000000000012", "0/13000100", MB16))
        .hasValue(0x100);
    assertThat(WalSegments.lagBytes("000000010000000000000012", "0/12FFFFFF", MB16)).hasValue(0);
    assertThat(WalSegments.lagBytes("000000010000000000000012", "1/00000000", MB16))
        .hasValue(0x1_0000_0000L - 0x13000000L);
    assertThat(WalSegments.lagBytes(null, "0/13000100", MB16)).isEmpty();
  }

  @Test
  void segmentsOfOtherSizesCountTheirOwnWay() {
    long mb64 = 64L * 1024 * 1024;
    // 64 segments per log id: segment 0x3F of log 0 ends exactly at 1/00000000
    assertThat(WalSegments.archivedUpTo("00000001000000000000003F", mb64)).hasValue(0x1_0000_0000L);
  }
}
