package io.pgfleet.activities.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WalFileNameTest {

  @Test
  void aSegmentEndsWhereTheNextOneStarts() {
    WalFileName five = WalFileName.parse("000000010000000000000005").orElseThrow();

    assertThat(five.timeline()).isEqualTo(1);
    assertThat(five.segmentNo()).isEqualTo(5);
    assertThat(five.startLsn()).isEqualTo("0/5000000");
    assertThat(five.endLsn()).isEqualTo("0/6000000");
  }

  @Test
  void theLastSegmentOfALogIdEndsAtTheNextLogId() {
    WalFileName last = WalFileName.parse("0000000200000000000000FF").orElseThrow();
    WalFileName next = WalFileName.parse("000000020000000100000000").orElseThrow();

    assertThat(last.endLsn()).isEqualTo("1/0");
    assertThat(next.startLsn()).isEqualTo("1/0");
    assertThat(next.segmentNo()).isEqualTo(last.segmentNo() + 1);
    assertThat(WalFileName.parse("0000000A0000002B000000C4").orElseThrow().endLsn())
        .isEqualTo("2B/C5000000");
  }

  @Test
  void namesAreRebuiltFromTheirParts() {
    for (String name :
        List.of(
            "000000010000000000000005", "0000000200000001000000FF", "0000000A0000002B000000C4")) {
      assertThat(WalFileName.parse(name).orElseThrow().name()).isEqualTo(name);
    }
  }

  @Test
  void positionsOrderAcrossTimelines() {
    WalFileName oldTimeline = WalFileName.parse("000000010000000000000009").orElseThrow();
    WalFileName newTimeline = WalFileName.parse("000000020000000000000008").orElseThrow();

    assertThat(newTimeline).isLessThan(oldTimeline);
    assertThat(WalFileName.parse("000000020000000000000009").orElseThrow())
        .isGreaterThan(oldTimeline);
  }

  @Test
  void otherNamesAreNoSegments() {
    assertThat(WalFileName.parse("00000002.history")).isEmpty();
    assertThat(WalFileName.parse("000000010000000000000005.partial")).isEmpty();
    assertThat(WalFileName.parse("00000001000000000000000g")).isEmpty();
    assertThat(WalFileName.parse("000000010000000000000100")).isEmpty(); // no 257th 16 MiB segment
    assertThat(WalFileName.parse(null)).isEmpty();
  }

  @Test
  void lsnsPrintAsPostgresDoes() {
    assertThat(WalFileName.lsn(0)).isEqualTo("0/0");
    assertThat(WalFileName.lsn(0x1_0000_0028L)).isEqualTo("1/28");
  }
}
