package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.failover.FailoverTrigger;
import io.pgfleet.workflows.failover.FailoverTrigger.FailureReport;
import org.junit.jupiter.api.Test;

class FailoverTriggersTest {

  private final FailoverTriggers triggers = new FailoverTriggers();

  @Test
  void reportsJoinTheQueuedFailoverUntilItsChildTakesTheTrigger() {
    triggers.automatic("failover-1", new DataPlaneReport("pgpool/0", "10.0.0.1", 10, "down"));
    triggers.add(new DataPlaneReport("postgres/1", "10.0.0.1", 11, "stream lost"));

    assertThat(triggers.pending()).isTrue();
    FailoverTrigger trigger = triggers.take("failover-1");
    assertThat(trigger)
        .isEqualTo(
            new FailoverTrigger(
                false,
                java.util.List.of(
                    new FailureReport("pgpool/0", 10, "down"),
                    new FailureReport("postgres/1", 11, "stream lost"))));
    assertThat(triggers.pending()).isFalse();
  }

  @Test
  void aManualTriggerNamesWhoAskedAndWhy() {
    triggers.manual("op-2", new FailoverRequest("op-2", "alice", "kernel update"), 42);

    assertThat(triggers.take("op-2"))
        .isEqualTo(
            new FailoverTrigger(
                true,
                java.util.List.of(
                    new FailureReport(
                        "alice", 42, "manual failover requested by alice: kernel update"))));
  }

  @Test
  void theTriggerIsBoundedAndAMissingOneStillLetsTheFailoverRun() {
    triggers.automatic("failover-1", new DataPlaneReport("pgpool/0", "10.0.0.1", 0, "down"));
    for (int i = 1; i < 3 * FailoverTriggers.MAX_REPORTS; i++) {
      triggers.add(new DataPlaneReport("pgpool/0", "10.0.0.1", i, "down again"));
    }

    assertThat(triggers.take("failover-1").reportedBy()).hasSize(FailoverTriggers.MAX_REPORTS);
    assertThat(triggers.take("failover-9"))
        .isEqualTo(new FailoverTrigger(false, java.util.List.of()));
  }
}
