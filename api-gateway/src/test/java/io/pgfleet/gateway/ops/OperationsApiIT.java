package io.pgfleet.gateway.ops;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.cluster.ArchiveHealth;
import org.junit.jupiter.api.Test;

/** /api/v1: clusters from the inventory plus their workflows' views; operations with steps. */
class OperationsApiIT extends GatewayIntegrationTest {

  @Test
  void listShowsEveryLiveClusterWithItsPhase() throws Exception {
    String ready = readyInstance();
    String provisioning = newId();
    provision(provisioning);

    mvc.perform(admin(get("/api/v1/clusters")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == '" + ready + "')].phase", hasItem("ready")))
        .andExpect(jsonPath("$[?(@.id == '" + ready + "')].plan", hasItem("small")))
        .andExpect(jsonPath("$[?(@.id == '" + ready + "')].plan_id", hasItem(SMALL)))
        .andExpect(jsonPath("$[?(@.id == '" + provisioning + "')].phase", hasItem("provisioning")))
        .andExpect(jsonPath("$[?(@.id == '" + ready + "')].created_at").isNotEmpty());
  }

  @Test
  void clusterDetailHasNodesAndEndpoints() throws Exception {
    String id = readyInstance();

    mvc.perform(admin(get("/api/v1/clusters/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(id))
        .andExpect(jsonPath("$.plan").value("small"))
        .andExpect(jsonPath("$.phase").value("ready"))
        .andExpect(jsonPath("$.nodes[0].name").value("postgres/0"))
        .andExpect(jsonPath("$.nodes[0].role").value("primary"))
        .andExpect(jsonPath("$.nodes[0].host").value("127.0.1.1"))
        .andExpect(jsonPath("$.nodes[0].port").value(5432))
        .andExpect(jsonPath("$.nodes[0].state").value("running"))
        .andExpect(jsonPath("$.nodes[1].role").value("standby"))
        .andExpect(jsonPath("$.nodes[2].role").value("pgpool"))
        .andExpect(jsonPath("$.endpoints[0]").value("127.0.1.3:9999"))
        .andExpect(jsonPath("$.parameters.purpose").value("test"))
        .andExpect(jsonPath("$.last_operation_id").isNotEmpty())
        .andExpect(jsonPath("$.archiving").doesNotExist());
  }

  @Test
  void clusterDetailShowsWhatThePrimaryReportedAboutArchiving() throws Exception {
    String id = readyInstance();
    clusters.reportArchiving(
        id,
        new ArchiveHealth(
            "postgres/0",
            false,
            "archive_command failed for 000000010000000000000007",
            "000000010000000000000006",
            1_700_000_000_000L,
            3,
            95L,
            50_331_648L,
            1_700_000_095_000L));

    mvc.perform(admin(get("/api/v1/clusters/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.archiving.reporter").value("postgres/0"))
        .andExpect(jsonPath("$.archiving.healthy").value(false))
        .andExpect(
            jsonPath("$.archiving.problem")
                .value("archive_command failed for 000000010000000000000007"))
        .andExpect(jsonPath("$.archiving.last_archived_wal").value("000000010000000000000006"))
        .andExpect(jsonPath("$.archiving.last_archived_at").value("2023-11-14T22:13:20Z"))
        .andExpect(jsonPath("$.archiving.pending_segments").value(3))
        .andExpect(jsonPath("$.archiving.oldest_pending_seconds").value(95))
        .andExpect(jsonPath("$.archiving.lag_bytes").value(50_331_648))
        .andExpect(jsonPath("$.archiving.reported_at").value("2023-11-14T22:14:55Z"));
  }

  @Test
  void operationsOfAClusterAndOneOperationWithSteps() throws Exception {
    String id = newId();
    String operation = provision(id);

    mvc.perform(admin(get("/api/v1/clusters/" + id + "/operations")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].operation_id").value(operation))
        .andExpect(jsonPath("$[0].type").value("provision"))
        .andExpect(jsonPath("$[0].state").value("in_progress"));

    clusters.finish(id, operation, false);
    mvc.perform(admin(get("/api/v1/operations/" + operation)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.operation_id").value(operation))
        .andExpect(jsonPath("$.cluster_id").value(id))
        .andExpect(jsonPath("$.type").value("provision"))
        .andExpect(jsonPath("$.state").value("failed"))
        .andExpect(jsonPath("$.error").value("deploying the BOSH manifest failed"))
        .andExpect(jsonPath("$.started_at").value("2023-11-14T22:13:20Z"))
        .andExpect(jsonPath("$.finished_at").value("2023-11-14T22:13:22Z"))
        .andExpect(jsonPath("$.steps[0].name").value("render manifest"))
        .andExpect(jsonPath("$.steps[0].state").value("succeeded"))
        .andExpect(jsonPath("$.steps[0].started_at").value("2023-11-14T22:13:20Z"))
        .andExpect(jsonPath("$.steps[1].name").value("deploy"))
        .andExpect(jsonPath("$.steps[1].state").value("failed"))
        .andExpect(jsonPath("$.steps[1].error").value("deploying the BOSH manifest failed"));
    mvc.perform(admin(get("/api/v1/clusters/" + id + "/operations/" + operation)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.operation_id").value(operation))
        .andExpect(jsonPath("$.steps[1].name").value("deploy"));
  }

  @Test
  void unknownClustersAndOperationsAre404() throws Exception {
    String id = newId();
    mvc.perform(admin(get("/api/v1/clusters/" + id)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("cluster " + id + " does not exist"));
    mvc.perform(admin(get("/api/v1/clusters/" + id + "/operations")))
        .andExpect(status().isNotFound());
    mvc.perform(admin(get("/api/v1/operations/" + id)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("no operation " + id + " was requested"));
    mvc.perform(admin(get("/api/v1/clusters/" + id + "/operations/" + id)))
        .andExpect(status().isNotFound());
    String existing = newId();
    provision(existing);
    mvc.perform(admin(get("/api/v1/clusters/" + existing + "/operations/never-ran")))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.description")
                .value("cluster " + existing + " has no record of operation never-ran"));
    mvc.perform(admin(get("/api/v1/clusters/bad!id")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value("cluster id 'bad!id' may only contain letters, digits, '.', '_' and '-'"));
  }

  @Test
  void clusterWhoseWorkflowIsUnreachableShowsUnknownPhase() throws Exception {
    String id = readyInstance();
    clusters.forget(id);

    mvc.perform(admin(get("/api/v1/clusters/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("unknown"))
        .andExpect(jsonPath("$.nodes").isEmpty());
  }
}
