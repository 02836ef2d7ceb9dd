package io.pgfleet.testenv.bench.failover.patroni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatroniMemberTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** As Patroni 3.0.2's GET /cluster answered on this machine. */
  private static final String WHOLE =
      """
      {"members": [{"name": "member1", "role": "leader", "state": "running",
        "api_url": "http://127.0.233.2:8008/patroni", "host": "127.0.233.2", "port": 5432,
        "timeline": 1}, {"name": "member2", "role": "replica", "state": "running",
        "api_url": "http://127.0.233.3:8008/patroni", "host": "127.0.233.3", "port": 5432,
        "timeline": 1, "lag": 0}]}
      """;

  @Test
  void aRunningLeaderAndARunningReplicaAreWhole() throws Exception {
    List<PatroniMember> members = PatroniMember.fromCluster(JSON.readTree(WHOLE));

    assertThat(members)
        .containsExactly(
            new PatroniMember("member1", "leader", "running", "127.0.233.2"),
            new PatroniMember("member2", "replica", "running", "127.0.233.3"));
    assertThat(PatroniMember.whole(members)).isTrue();
  }

  @Test
  void aReplicaStillStartingOrAMissingMemberIsNotWhole() {
    PatroniMember leader = new PatroniMember("member2", "leader", "running", "b");

    assertThat(
            PatroniMember.whole(
                List.of(leader, new PatroniMember("member1", "replica", "starting", "a"))))
        .isFalse();
    assertThat(PatroniMember.whole(List.of(leader))).isFalse();
    assertThat(
            PatroniMember.whole(
                List.of(leader, new PatroniMember("member1", "replica", "streaming", "a"))))
        .isTrue();
  }
}
