package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverFixture.PRIMARY_VM;
import static io.pgfleet.workflows.failover.FailoverFixture.power;
import static io.pgfleet.workflows.failover.FailoverFixture.refused;
import static io.pgfleet.workflows.failover.FailoverFixture.timedOut;
import static io.pgfleet.workflows.failover.FailoverFixture.writable;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.pgfleet.workflows.iaas.PowerState;
import org.junit.jupiter.api.Test;

/**
 * Choose (the standby, within the lag bound) and the fence proof (off and silent), in sentences.
 */
class ChooseAndFenceDecisionTest {

  private static final ClusterNode PRIMARY = FailoverFixture.TOPOLOGY.primary();
  private static final ClusterNode STANDBY = FailoverFixture.TOPOLOGY.standby();
  private static final long BOUND = FailoverFixture.ONE_MIB;

  @Test
  void aStandbyWithinTheBoundIsChosen() {
    assertThat(FailoverDecisions.choose(STANDBY, FailoverFixture.standby(BOUND), null, BOUND))
        .isEqualTo(Decision.yes("postgres/1 is 1048576 bytes behind, within the 1048576 allowed"));
  }

  @Test
  void aStandbyBeyondTheBoundIsNot() {
    assertThat(FailoverDecisions.choose(STANDBY, FailoverFixture.standby(BOUND + 1), null, BOUND))
        .isEqualTo(
            Decision.no(
                "postgres/1 is 1048577 bytes behind, more than the 1048576 allowed;"
                    + " an operator must decide"));
  }

  @Test
  void aStandbyThatDidNotAnswerOrDoesNotRunIsNot() {
    PostgresNodeStatus stopped =
        new PostgresNodeStatus("postgres", 5432, PostgresRole.STOPPED, 1, null, null, 0, false, 0);

    assertThat(FailoverDecisions.choose(STANDBY, null, "no answer: schedule to start timeout", 1))
        .isEqualTo(
            Decision.no(
                "postgres/1 did not answer (no answer: schedule to start timeout);"
                    + " an operator must decide"));
    assertThat(FailoverDecisions.choose(STANDBY, stopped, null, BOUND))
        .isEqualTo(
            Decision.no("postgres/1 is STOPPED, not a running standby; an operator must decide"));
  }

  @Test
  void aStandbyAlreadyPromotedIsChosen() {
    assertThat(FailoverDecisions.choose(STANDBY, FailoverFixture.primary(3), null, BOUND))
        .isEqualTo(Decision.yes("postgres/1 is already primary on timeline 3"));
  }

  @Test
  void aStoppedVmWhosePortRefusesIsFenced() {
    assertThat(
            FailoverDecisions.fenceProof(
                PRIMARY,
                PRIMARY_VM,
                power(PRIMARY_VM, PowerState.STOPPED),
                null,
                refused("10.244.0.10")))
        .isEqualTo(
            Decision.yes(
                "postgres/0 is fenced: vm-5b1c0a7e-pg0 is stopped and its PostgreSQL port refuses"
                    + " connections"));
  }

  @Test
  void aDeletedVmWhosePortIsSilentIsFenced() {
    assertThat(
            FailoverDecisions.fenceProof(
                PRIMARY, null, power(null, PowerState.TERMINATED), null, timedOut("10.244.0.10")))
        .isEqualTo(
            Decision.yes(
                "postgres/0 is fenced: its VM is terminated and its PostgreSQL port does not"
                    + " answer"));
  }

  @Test
  void withoutBothHalvesThereIsNoProof() {
    assertThat(
            FailoverDecisions.fenceProof(
                PRIMARY, PRIMARY_VM, null, "IaaS throttled", refused("10.244.0.10")))
        .isEqualTo(
            Decision.no(
                "postgres/0 is not proven fenced: the IaaS did not report the power state of"
                    + " vm-5b1c0a7e-pg0 (IaaS throttled)"));
    assertThat(
            FailoverDecisions.fenceProof(
                PRIMARY, PRIMARY_VM, power(PRIMARY_VM, "stopping"), null, refused("10.244.0.10")))
        .isEqualTo(
            Decision.no(
                "postgres/0 is not proven fenced: the IaaS reports vm-5b1c0a7e-pg0 stopping"));
    assertThat(
            FailoverDecisions.fenceProof(
                PRIMARY, PRIMARY_VM, power(PRIMARY_VM, PowerState.STOPPED), null, null))
        .isEqualTo(
            Decision.no(
                "postgres/0 is not proven fenced: vm-5b1c0a7e-pg0 is stopped, but the control"
                    + " plane could not probe its PostgreSQL port"));
    assertThat(
            FailoverDecisions.fenceProof(
                PRIMARY,
                PRIMARY_VM,
                power(PRIMARY_VM, PowerState.STOPPED),
                null,
                writable("10.244.0.10", 1)))
        .isEqualTo(
            Decision.no(
                "postgres/0 is not proven fenced: vm-5b1c0a7e-pg0 is stopped, but its PostgreSQL"
                    + " port 10.244.0.10:5432 still answers"));
  }
}
