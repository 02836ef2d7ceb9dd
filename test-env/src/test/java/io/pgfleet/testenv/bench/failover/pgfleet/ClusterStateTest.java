package io.pgfleet.testenv.bench.failover.pgfleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CLUSTER =
      """
      {"id": "c1", "phase": "%s", "nodes": [
        {"name": "postgres/0", "role": "standby", "host": "127.0.1.1", "port": 5432, "state": "running"},
        {"name": "postgres/1", "role": "primary", "host": "127.0.1.2", "port": 5432, "state": "running"},
        {"name": "pgpool/0", "role": "pgpool", "host": "127.0.1.3", "port": 9999, "state": "running"}]}
      """;

  private static final String OPERATIONS =
      """
      [{"operation_id": "op-provision", "type": "provision", "state": "succeeded", "steps": []},
       {"operation_id": "op-old", "type": "failover", "state": "succeeded", "steps": []},
       {"operation_id": "op-new", "type": "failover", "state": "succeeded", "steps": [
         {"name": "confirm", "state": "succeeded", "started_at": "2026-11-22T04:00:00Z",
          "finished_at": "2026-11-22T04:00:01.200Z"},
         {"name": "fence", "state": "succeeded", "started_at": "2026-11-22T04:00:01.200Z",
          "finished_at": "2026-11-22T04:00:01.500Z"},
         {"name": "prove fenced", "state": "succeeded", "started_at": "2026-11-22T04:00:01.500Z",
          "finished_at": "2026-11-22T04:00:01.600Z"},
         {"name": "rebuild", "state": "in_progress", "started_at": "2026-11-22T04:00:02Z",
          "finished_at": null}]}]
      """;

  @Test
  void findsThePrimaryAndTellsAWholeClusterFromAFailingOne() throws Exception {
    JsonNode ready = JSON.readTree(CLUSTER.formatted("ready"));

    assertThat(ClusterState.primary(ready).orElseThrow().path("host").asText())
        .isEqualTo("127.0.1.2");
    assertThat(ClusterState.whole(ready)).isTrue();
    assertThat(ClusterState.whole(JSON.readTree(CLUSTER.formatted("failing_over")))).isFalse();
  }

  @Test
  void picksTheFailoverThatStartedAfterTheKill() throws Exception {
    JsonNode operations = JSON.readTree(OPERATIONS);

    JsonNode failover =
        ClusterState.newFailover(operations, Set.of("op-provision", "op-old")).orElseThrow();

    assertThat(failover.path("operation_id").asText()).isEqualTo("op-new");
    assertThat(ClusterState.newFailover(operations, ClusterState.operationIds(operations)))
        .isEmpty();
    assertThat(ClusterState.finished(failover)).isTrue();
  }

  @Test
  void fencingIsProvenOnlyByASucceededProveFencedStep() throws Exception {
    JsonNode operations = JSON.readTree(OPERATIONS);

    assertThat(ClusterState.fencingProven(operations.get(2))).isTrue();
    assertThat(ClusterState.fencingProven(operations.get(1))).isFalse();
    JsonNode unproven =
        JSON.readTree(
            """
            {"steps": [{"name": "fence", "state": "succeeded"},
                       {"name": "prove fenced", "state": "failed"}]}
            """);
    assertThat(ClusterState.fencingProven(unproven)).isFalse();
  }

  @Test
  void summarisesTheStepsWithTheirDurations() throws Exception {
    JsonNode failover = JSON.readTree(OPERATIONS).get(2);

    assertThat(ClusterState.steps(failover))
        .isEqualTo("confirm 1.2 s, fence 0.3 s, prove fenced 0.1 s, rebuild (in_progress)");
  }
}
