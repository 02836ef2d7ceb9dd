package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.host.PgpoolBackendStatus;
import org.junit.jupiter.api.Test;

class PgpoolStatusReaderTest {

  // pcp_node_info -a -v of pgpool 4.3.5: blocks follow each other without a blank line
  private static final String OUTPUT =
      """
      Hostname               : 127.0.9.2
      Port                   : 5432
      Status                 : 1
      Weight                 : 0.500000
      Status Name            : waiting
      Backend Status Name    : up
      Role                   : primary
      Backend Role           : primary
      Replication Delay      : 0
      Replication State      : none
      Replication Sync State : none
      Last Status Change     : 2026-11-22 02:06:07
      Hostname               : 127.0.9.3
      Port                   : 5432
      Status                 : 3
      Weight                 : 0.500000
      Status Name            : down
      Backend Status Name    : up
      Role                   : standby
      Backend Role           : standby
      Replication Delay      : 0
      Replication State      : streaming
      Replication Sync State : async
      Last Status Change     : 2026-11-22 02:06:09

      """;

  @Test
  void readsOneBackendPerBlockInIdOrder() {
    assertThat(PgpoolStatusReader.parse(OUTPUT))
        .containsExactly(
            new PgpoolBackendStatus(0, "127.0.9.2", 5432, "up", "primary"),
            new PgpoolBackendStatus(1, "127.0.9.3", 5432, "down", "standby"));
  }
}
