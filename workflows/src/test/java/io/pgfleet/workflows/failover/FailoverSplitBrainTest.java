package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.PRIMARY_VM;
import static io.pgfleet.workflows.failover.FailoverFixture.STANDBY_VM;
import static io.pgfleet.workflows.failover.FailoverFixture.pgpool;
import static io.pgfleet.workflows.failover.FailoverFixture.power;
import static io.pgfleet.workflows.failover.FailoverFixture.refused;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.iaas.PowerOffRequest;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.operation.StepView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two writable primaries: the one on the older timeline is fenced at once, without a quorum. */
class FailoverSplitBrainTest {

  private final FailoverCloud cloud = new FailoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void anOldPrimaryStillTakingWritesIsFencedAtOnceAndTheFailoverCompletes() {
    for (PgpoolHostActivities pgpool : cloud.pgpools) {
      when(pgpool.status()).thenReturn(pgpool("up"));
    }
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(writable(PRIMARY_IP, 1), refused(PRIMARY_IP));
    when(cloud.sql.probe(argThat(FailoverCloud.probing(STANDBY_IP))))
        .thenReturn(writable(STANDBY_IP, 2));

    FailoverResult result = cloud.run("failover-split-brain");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    assertThat(result.reason())
        .startsWith(
            "failed over from postgres/0 to postgres/1 (timeline 2, RPO estimate 0 bytes):"
                + " split brain: postgres/0 (timeline 1) and postgres/1 (timeline 2) both take"
                + " writes; fencing postgres/0 at once, it is on the older timeline;");
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .containsExactly(
            "confirm",
            "fence",
            "prove fenced",
            "promote",
            "re-route",
            "record",
            "rebuild redundancy");
    // At once: one look, no tolerance, no lag question to a node that already is primary.
    verify(cloud.pgpools.get(0), times(1)).status();
    verify(cloud.standbyHost, never()).status();
    verify(cloud.iaas).powerOff(argThat(r -> r.vmCid().equals(PRIMARY_VM)));
    verify(cloud.standbyHost).promote(any());
  }

  @Test
  void aStandbyOnAnOlderTimelineTakingWritesIsFencedAndTheRestLeftToAnOperator() {
    when(cloud.sql.probe(argThat(FailoverCloud.probing(PRIMARY_IP))))
        .thenReturn(writable(PRIMARY_IP, 3));
    when(cloud.sql.probe(argThat(FailoverCloud.probing(STANDBY_IP))))
        .thenReturn(writable(STANDBY_IP, 2), refused(STANDBY_IP));
    when(cloud.iaas.powerState(STANDBY_VM)).thenReturn(power(STANDBY_VM, PowerState.STOPPED));

    FailoverResult result = cloud.run("failover-stale-standby");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.NEEDS_OPERATOR);
    assertThat(result.reason())
        .isEqualTo(
            "split brain: postgres/0 (timeline 3) and postgres/1 (timeline 2) both take writes;"
                + " fencing postgres/1 at once, it is on the older timeline; postgres/0 stays"
                + " primary, postgres/1 must be rebuilt as its standby");
    assertThat(result.topology()).isEqualTo(FailoverFixture.TOPOLOGY);
    verify(cloud.iaas)
        .powerOff(
            new PowerOffRequest(
                STANDBY_VM,
                "fencing postgres/1 of "
                    + FailoverFixture.TOPOLOGY.deployment()
                    + " (failover op-failover)"));
    verify(cloud.iaas, never()).powerOff(argThat(r -> r.vmCid().equals(PRIMARY_VM)));
    verify(cloud.standbyHost, never()).promote(any());
    verify(cloud.primaryHost, never()).promote(any());
  }
}
