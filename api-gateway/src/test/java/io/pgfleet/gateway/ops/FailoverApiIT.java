package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.clusters.ConflictException;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.cluster.FailoverRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST /api/v1/clusters/{id}/failover: an Update on the cluster's workflow, audited. */
class FailoverApiIT extends GatewayIntegrationTest {

  private static MockHttpServletRequestBuilder failover(String clusterId) {
    return post("/api/v1/clusters/" + clusterId + "/failover");
  }

  private static MockHttpServletRequestBuilder failover(String clusterId, String body) {
    return failover(clusterId).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  @Test
  void aReadyClusterAcceptsAndTheOperationCanBeFollowed() throws Exception {
    String id = readyInstance();

    MvcResult result =
        mvc.perform(admin(failover(id, "{\"reason\":\"  patching the primary's host \"}")))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.cluster_id").value(id))
            .andExpect(jsonPath("$.operation_id").isNotEmpty())
            .andReturn();

    String operation = body(result).get("operation_id").asText();
    assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo("/api/v1/operations/" + operation);
    assertThat(clusters.failoverRequest(id, operation))
        .contains(new FailoverRequest(operation, "api", "patching the primary's host"));
    assertThat(auditEvents(id, null)).endsWith("failover:requested", "failover:accepted");
    mvc.perform(admin(get("/api/v1/operations/" + operation)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.type").value("failover"))
        .andExpect(jsonPath("$.state").value("in_progress"));
    mvc.perform(admin(get("/api/v1/clusters/" + id)))
        .andExpect(jsonPath("$.phase").value("failing_over"));
  }

  @Test
  void theBodyIsOptional() throws Exception {
    String id = readyInstance();

    String operation =
        body(mvc.perform(admin(failover(id))).andExpect(status().isAccepted()).andReturn())
            .get("operation_id")
            .asText();

    assertThat(clusters.failoverRequest(id, operation))
        .contains(new FailoverRequest(operation, "api", null));
    clusters.finish(id, operation, true);
    String blank =
        body(mvc.perform(admin(failover(id, "{\"reason\":\"  \"}")))
                .andExpect(status().isAccepted())
                .andReturn())
            .get("operation_id")
            .asText();
    assertThat(clusters.failoverRequest(id, blank))
        .contains(new FailoverRequest(blank, "api", null));
  }

  @Test
  void anUnknownClusterIs404AndNothingIsAudited() throws Exception {
    String id = newId();

    mvc.perform(admin(failover(id)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("cluster " + id + " does not exist"));
    assertThat(auditEvents(id, null)).isEmpty();
  }

  @Test
  void whileAnotherOperationRunsTheWorkflowRefusesWithAConcurrencyError() throws Exception {
    String id = newId();
    provision(id); // still provisioning

    mvc.perform(admin(failover(id)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"))
        .andExpect(jsonPath("$.description").value("cluster " + id + " is PROVISIONING"));
    assertThat(auditEvents(id, null)).endsWith("failover:requested", "failover:rejected");
  }

  @Test
  void refusalsOfTheWorkflowKeepTheirCategory() throws Exception {
    String id = readyInstance();

    clusters.failNext(new ConflictException("cluster " + id + " has no standby to promote"));
    mvc.perform(admin(failover(id)))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.description").value("cluster " + id + " has no standby to promote"));
    clusters.failNext(new NotFoundException("cluster " + id + " does not exist"));
    mvc.perform(admin(failover(id))).andExpect(status().isNotFound());

    List<String> events = auditEvents(id, null);
    assertThat(events.subList(events.size() - 4, events.size()))
        .containsExactly(
            "failover:requested", "failover:rejected", "failover:requested", "failover:rejected");
  }

  @Test
  void anOverlongReasonIsABadRequest() throws Exception {
    String id = readyInstance();

    mvc.perform(admin(failover(id, "{\"reason\":\"" + "x".repeat(1_001) + "\"}")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("reason is 1001 characters long; at most 1000"));
  }

  @Test
  void withoutTheAdminTokenNothingHappens() throws Exception {
    String id = readyInstance();

    mvc.perform(failover(id))
        .andExpect(status().isUnauthorized())
        .andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE));
    mvc.perform(failover(id).header(HttpHeaders.AUTHORIZATION, "Bearer wrong"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.description").value("wrong admin token"));
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("failover:"));
  }

  @Test
  void theOpenApiDocumentDescribesIt() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/clusters/{id}/failover'].post").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/clusters/{id}/failover'].post.responses['202']").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/clusters/{id}/failover'].post.responses['422']").exists());
  }
}
