package io.pgfleet.testenv.bench.failover.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of Patroni's {@code GET /cluster}.
 *
 * @param role leader, replica, sync_standby or standby_leader
 * @param state running, streaming (newer Patroni for replicas), starting, stopped, …
 */
record PatroniMember(String name, String role, String state, String host) {

  boolean isRunningLeader() {
    return "leader".equals(role) && "running".equals(state);
  }

  boolean isRunningReplica() {
    return ("replica".equals(role) || "sync_standby".equals(role))
        && ("running".equals(state) || "streaming".equals(state));
  }

  static List<PatroniMember> fromCluster(JsonNode cluster) {
    List<PatroniMember> members = new ArrayList<>();
    for (JsonNode member : cluster.path("members")) {
      members.add(
          new PatroniMember(
              member.path("name").asText(),
              member.path("role").asText(),
              member.path("state").asText(),
              member.path("host").asText()));
    }
    return members;
  }

  /** A leader and a replica, both running: what a run starts from. */
  static boolean whole(List<PatroniMember> members) {
    return members.size() == 2
        && members.stream().filter(PatroniMember::isRunningLeader).count() == 1
        && members.stream().filter(PatroniMember::isRunningReplica).count() == 1;
  }
}
