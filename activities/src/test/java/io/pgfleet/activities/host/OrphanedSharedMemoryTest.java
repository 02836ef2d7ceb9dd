package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanedSharedMemoryTest {
  private static final List<String> TABLE =
      List.of(
          "       key      shmid perms                  size  cpid  lpid nattch   uid   gid",
          "         0         12   600             141557760  4242  4242      0   999   999",
          "   5432001         13   600                    56  5150  5151      6   999   999",
          "         0         14   600             141557760  7777  7777      0   999   999");

  @Test
  void picksOnlyTheSegmentsTheKilledProcessesCreated() {
    assertThat(OrphanedSharedMemory.segmentsCreatedBy(Set.of(4242L, 5150L), TABLE))
        .containsExactly("12", "13");
  }

  @Test
  void findsNothingForUnknownPidsOrAnEmptyTable() {
    assertThat(OrphanedSharedMemory.segmentsCreatedBy(Set.of(1L), TABLE)).isEmpty();
    assertThat(OrphanedSharedMemory.segmentsCreatedBy(Set.of(4242L), List.of())).isEmpty();
  }
}
