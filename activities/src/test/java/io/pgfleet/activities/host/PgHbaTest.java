package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgHbaTest {

  @Test
  void allowsReplicationOnlyFromTheReplicaHosts() {
    String hba = PgHba.render("replicator", List.of("10.0.0.7", "db-1.example", "fd00::7"));

    assertThat(hba)
        .contains("local   all          postgres")
        .containsPattern("host +replication +replicator +10\\.0\\.0\\.7/32 +scram-sha-256")
        .containsPattern("host +replication +replicator +db-1\\.example +scram-sha-256")
        .containsPattern("host +replication +replicator +fd00::7/128 +scram-sha-256")
        .containsPattern("host +all +all +0\\.0\\.0\\.0/0 +scram-sha-256")
        .doesNotContain("127.0.0.1");
  }

  @Test
  void aLoopbackReplicaIsAlsoAllowedFromTheLoopbackSourceAddress() {
    String hba = PgHba.render("replicator", List.of("127.0.5.3"));

    assertThat(hba)
        .containsPattern("replicator +127\\.0\\.5\\.3/32")
        .containsPattern("replicator +127\\.0\\.0\\.1/32");
  }

  @Test
  void refusesAHostThatWouldInjectAnEntry() {
    assertThatThrownBy(() -> PgHba.render("replicator", List.of("10.0.0.7 trust\nhost")))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("replica host");
  }
}
