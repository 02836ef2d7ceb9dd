package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.host.PgpoolWatchdogStatus;
import org.junit.jupiter.api.Test;

class PgpoolWatchdogInfoTest {

  /** pgpool-II 4.3's layout: the cluster block, then a block per node (the local one first). */
  private static final String FORMED =
      """
      Watchdog Cluster Information\s
      Total Nodes              : 3
      Remote Nodes             : 2
      Member Remote Nodes      : 2
      Alive Remote Nodes       : 2
      Nodes required for quorum: 2
      Quorum state             : QUORUM EXIST
      Local node escalation    : NO
      Leader Node Name         : 127.0.1.2:9999 Linux host
      Leader Host Name         : 127.0.1.2

      Watchdog Node Information\s
      Node Name         : 127.0.1.3:9999 Linux host
      Host Name         : 127.0.1.3
      Delegate IP       : Not_Set
      Pgpool port       : 9999
      Watchdog port     : 9000
      Node priority     : 1
      Status            : 7
      Status Name       : STANDBY
      """;

  @Test
  void aFormedClusterIsJoined() {
    PgpoolWatchdogStatus status = PgpoolWatchdogInfo.parse(FORMED);

    assertThat(status).isEqualTo(new PgpoolWatchdogStatus(true, 2, 2, "QUORUM EXIST", "127.0.1.2"));
    assertThat(status.joined()).isTrue();
  }

  @Test
  void aPeerNotHeardYetIsNotJoined() {
    PgpoolWatchdogStatus status =
        PgpoolWatchdogInfo.parse(
            FORMED.replace("Alive Remote Nodes       : 2", "Alive Remote Nodes       : 1"));

    assertThat(status.aliveRemoteNodes()).isEqualTo(1);
    assertThat(status.joined()).isFalse();
  }

  @Test
  void noOutputIsNotJoined() {
    PgpoolWatchdogStatus status = PgpoolWatchdogInfo.parse("");

    assertThat(status.quorumState()).isEqualTo("unknown");
    assertThat(status.joined()).isFalse();
    assertThat(new PgpoolWatchdogStatus(false, 0, 0, "", "").joined()).isTrue();
  }
}
