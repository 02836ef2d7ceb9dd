package io.pgfleet.activities.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveObjectTest {

  private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void compressedAndPlainSegmentsAreFullSegments() {
    for (String suffix : new String[] {"", ".gz", ".lz4", ".zst"}) {
      ArchiveObject object =
          ArchiveObject.parse("15-1/0000000100000000/000000010000000000000005-" + SHA1 + suffix)
              .orElseThrow();

      assertThat(object.fullSegment()).isTrue();
      assertThat(object.position().name()).isEqualTo("000000010000000000000005");
      assertThat(object.timeline()).isEqualTo(1);
    }
  }

  @Test
  void partialAndBackupFilesHaveAPositionButAreNoSegments() {
    ArchiveObject partial =
        ArchiveObject.parse(
                "15-1/0000000100000000/000000010000000000000007.partial-" + SHA1 + ".gz")
            .orElseThrow();
    ArchiveObject label =
        ArchiveObject.parse("15-1/0000000100000000/000000010000000000000002.00000028.backup")
            .orElseThrow();

    assertThat(partial.fullSegment()).isFalse();
    assertThat(partial.position().segmentNo()).isEqualTo(7);
    assertThat(label.fullSegment()).isFalse();
    assertThat(label.position().segmentNo()).isEqualTo(2);
  }

  @Test
  void historyFilesNameTheirTimeline() {
    ArchiveObject history = ArchiveObject.parse("15-2/0000000A.history").orElseThrow();

    assertThat(history.position()).isNull();
    assertThat(history.timeline()).isEqualTo(10);
  }

  @Test
  void infoFilesAndStrangersAreNothing() {
    assertThat(ArchiveObject.parse("archive.info")).isEmpty();
    assertThat(ArchiveObject.parse("archive.info.copy")).isEmpty();
    assertThat(ArchiveObject.parse("15-1/0000000100000000/notes.txt")).isEmpty();
    assertThat(ArchiveObject.parse("15-1/0000000100000000/000000010000000000000005x")).isEmpty();
  }
}
