package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.host.RecoveryOutcome;
import org.junit.jupiter.api.Test;

class RestoreMarkerTest {

  @Test
  void readsBackWhatItWrites() {
    RestoreMarker held = new RestoreMarker("c-1", "xid 42", "7441", null);
    RestoreMarker own = new RestoreMarker("c-1", "latest", "7441", "c-1");

    assertThat(RestoreMarker.parse(held.render())).hasValue(held);
    assertThat(RestoreMarker.parse(own.render())).hasValue(own);
    assertThat(held.archivingHeld()).isTrue();
    assertThat(own.archivingHeld()).isFalse();
    assertThat(RestoreMarker.parse("source=\nsystem=1\n")).isEmpty();
  }

  @Test
  void admitsOnlyAnotherStanzaForTheRestoredSystem() {
    RestoreMarker marker = new RestoreMarker("c-1", "latest", "7441", null);

    assertThat(marker.admits("c-2", "7441")).isTrue();
    assertThat(marker.admits("c-1", "7441")).isFalse();
    assertThat(marker.admits("c-2", "9999")).isFalse();
  }

  @Test
  void anOutcomeFileReadsBackWhatItWrites() {
    RecoveryOutcome full =
        new RecoveryOutcome(
            3, "0/5000A28", 1_795_000_000_123L, "recovery stopping after commit of transaction 9");
    RecoveryOutcome latest = new RecoveryOutcome(2, "0/7000000", null, null);

    assertThat(RecoveryOutcomeFile.parse(RecoveryOutcomeFile.render(full))).hasValue(full);
    assertThat(RecoveryOutcomeFile.parse(RecoveryOutcomeFile.render(latest))).hasValue(latest);
    assertThat(RecoveryOutcomeFile.parse("timeline=x\n")).isEmpty();
  }
}
