package io.pgfleet.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.clusters.UnavailableException;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import org.junit.jupiter.api.Test;

/** DELETE /v2/service_instances/:id. */
class DeprovisionIT extends GatewayIntegrationTest {

  @Test
  void readyInstanceIsDeprovisionedAsynchronously() throws Exception {
    String id = readyInstance();

    String operation =
        body(mvc.perform(deprovisionRequest(id)).andExpect(status().isAccepted()).andReturn())
            .get("operation")
            .asText();

    assertThat(operation).isNotBlank();
    assertThat(auditEvents(id, null)).endsWith("deprovision:requested", "deprovision:accepted");
    // A re-sent DELETE while it runs gets the same operation (spec: 202, not a new one).
    mvc.perform(deprovisionRequest(id))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.operation").value(operation));
  }

  @Test
  void unknownInstanceIsGone() throws Exception {
    mvc.perform(deprovisionRequest(newId()))
        .andExpect(status().isGone())
        .andExpect(content().json("{}", true));
  }

  @Test
  void whileProvisioningIs422ConcurrencyError() throws Exception {
    String id = newId();
    provision(id);

    mvc.perform(deprovisionRequest(id))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"))
        .andExpect(jsonPath("$.description").value("cluster " + id + " is PROVISIONING"));
    assertThat(auditEvents(id, null)).endsWith("deprovision:requested", "deprovision:rejected");
  }

  @Test
  void missingParametersAre400Or422() throws Exception {
    String id = readyInstance();
    mvc.perform(
            broker(delete("/v2/service_instances/" + id))
                .param("plan_id", SMALL)
                .param("accepts_incomplete", "true"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("the query parameter service_id is required"));
    mvc.perform(
            broker(delete("/v2/service_instances/" + id))
                .param("service_id", PlanCatalog.SERVICE_ID)
                .param("accepts_incomplete", "true"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("the query parameter plan_id is required"));
    mvc.perform(
            broker(delete("/v2/service_instances/" + id))
                .param("service_id", PlanCatalog.SERVICE_ID)
                .param("plan_id", SMALL))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("AsyncRequired"));
    mvc.perform(deprovisionRequest("x".repeat(65))).andExpect(status().isBadRequest());
  }

  @Test
  void unreachableWorkflowServiceIs503AndKeepsTheInstance() throws Exception {
    String id = readyInstance();
    clusters.failNext(new UnavailableException("Temporal is down", new RuntimeException()));

    mvc.perform(deprovisionRequest(id)).andExpect(status().isServiceUnavailable());

    assertThat(
            jdbc.sql("SELECT deleted_at IS NULL FROM service_instances WHERE id = ?")
                .param(id)
                .query(Boolean.class)
                .single())
        .isTrue();
  }
}
