package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.cluster.SwitchoverRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST /api/v1/clusters/{id}/switchover: an Update on the cluster's workflow, audited. */
class SwitchoverApiIT extends GatewayIntegrationTest {

  private static MockHttpServletRequestBuilder switchover(String clusterId) {
    return post("/api/v1/clusters/" + clusterId + "/switchover");
  }

  private static MockHttpServletRequestBuilder switchover(String clusterId, String body) {
    return switchover(clusterId).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  @Test
  void aReadyClusterAcceptsAndTheOperationCanBeFollowed() throws Exception {
    String id = readyInstance();

    MvcResult result =
        mvc.perform(admin(switchover(id, "{\"reason\":\" kernel update \"}")))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.cluster_id").value(id))
            .andReturn();

    String op = body(result).get("operation_id").asText();
    assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo("/api/v1/operations/" + op);
    assertThat(clusters.switchoverRequest(id, op))
        .contains(new SwitchoverRequest(op, "api", "kernel update"));
    assertThat(auditEvents(id, null)).endsWith("switchover:requested", "switchover:accepted");
    mvc.perform(admin(get("/api/v1/operations/" + op)))
        .andExpect(jsonPath("$.type").value("switchover"))
        .andExpect(jsonPath("$.state").value("in_progress"));

    clusters.finish(id, op, true);
    String second =
        body(mvc.perform(admin(switchover(id))).andExpect(status().isAccepted()).andReturn())
            .get("operation_id")
            .asText();
    assertThat(clusters.switchoverRequest(id, second))
        .contains(new SwitchoverRequest(second, "api", null));
  }

  @Test
  void whileAnotherOperationRunsItIsAConcurrencyErrorAndInAnotherPhaseAConflict() throws Exception {
    String id = readyInstance();
    mvc.perform(admin(switchover(id))).andExpect(status().isAccepted());
    mvc.perform(admin(switchover(id)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"));
    assertThat(auditEvents(id, null)).endsWith("switchover:requested", "switchover:rejected");

    String failed = newId();
    clusters.finish(failed, provision(failed), false);
    mvc.perform(admin(switchover(failed)))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.description").value("cluster " + failed + " is FAILED; only [READY]"));
  }

  @Test
  void anUnknownClusterIs404AndAnOverlongReasonIs400AndNeitherIsAudited() throws Exception {
    String ghost = newId();
    mvc.perform(admin(switchover(ghost)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("cluster " + ghost + " does not exist"));
    assertThat(auditEvents(ghost, null)).isEmpty();

    String id = readyInstance();
    mvc.perform(admin(switchover(id, "{\"reason\":\"" + "x".repeat(1_001) + "\"}")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("reason is 1001 characters long; at most 1000"));
    mvc.perform(switchover(id)).andExpect(status().isUnauthorized());
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("switchover:"));
  }

  @Test
  void theOpenApiDocumentDescribesIt() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath("$.paths['/api/v1/clusters/{id}/switchover'].post.responses['422']").exists());
  }
}
