package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST /api/v1/clusters/{id}/rolling-update: an Update on the cluster's workflow, audited. */
class RollingUpdateApiIT extends GatewayIntegrationTest {

  private static MockHttpServletRequestBuilder update(String id, String body) {
    MockHttpServletRequestBuilder request = post("/api/v1/clusters/" + id + "/rolling-update");
    return admin(
        body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private String accepted(String id, String body) throws Exception {
    return body(mvc.perform(update(id, body)).andExpect(status().isAccepted()).andReturn())
        .get("operation_id")
        .asText();
  }

  @Test
  void noBodyRecreatesWithTheCurrentManifestAndABodySaysWhatChanges() throws Exception {
    String id = readyInstance();
    String op = accepted(id, null);
    assertThat(clusters.updateRequest(id, op))
        .contains(
            new RollingUpdateRequest(
                op, "api", "recreate with the current manifest", Map.of(), true, null));
    mvc.perform(update(id, null))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"));
    clusters.finish(id, op, true);

    String second =
        accepted(
            id,
            "{\"description\":\"work_mem\",\"postgres_parameters\":{\"work_mem\":\"8MB\"},"
                + "\"recreate\":false,\"plan\":\"medium\"}");
    assertThat(clusters.updateRequest(id, second))
        .contains(
            new RollingUpdateRequest(
                second,
                "api",
                "work_mem",
                Map.of("work_mem", "8MB"),
                false,
                PlanCatalog.MEDIUM.id()));
    assertThat(auditEvents(id, null))
        .containsSubsequence(
            "rolling_update:requested",
            "rolling_update:accepted",
            "rolling_update:requested",
            "rolling_update:rejected",
            "rolling_update:requested",
            "rolling_update:accepted");
  }

  @Test
  void badBodiesAre400AndUnknownClusters404AndNothingIsAudited() throws Exception {
    String id = readyInstance();
    String[][] cases = {
      {"[]", "must be a JSON object"},
      {"{\"colour\":\"red\"}", "unknown field 'colour'"},
      {"{\"recreate\":\"yes\"}", "recreate must be true or false"},
      {"{\"plan\":\"huge\"}", "plan 'huge' is not in the catalog"},
      {"{\"postgres_parameters\":[1]}", "postgres_parameters must be an object"},
    };
    for (String[] c : cases) {
      mvc.perform(update(id, c[0]))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.description").value(org.hamcrest.Matchers.containsString(c[1])));
    }
    String ghost = newId();
    mvc.perform(update(ghost, null))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("cluster " + ghost + " does not exist"));
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("rolling_update"));
  }
}
