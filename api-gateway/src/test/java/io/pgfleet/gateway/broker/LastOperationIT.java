package io.pgfleet.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

/** GET /v2/service_instances/:id/last_operation. */
class LastOperationIT extends GatewayIntegrationTest {

  @Test
  void runningOperationIsInProgressWithItsStep() throws Exception {
    String id = newId();
    String operation = provision(id);

    JsonNode state = lastOperation(id, operation);

    assertThat(state.get("state").asText()).isEqualTo("in progress");
    assertThat(state.get("description").asText())
        .isEqualTo("provision: deploying the BOSH manifest");
  }

  @Test
  void withoutOperationParameterTheLastOperationIsReported() throws Exception {
    String id = newId();
    provision(id);

    mvc.perform(broker(get("/v2/service_instances/" + id + "/last_operation")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("in progress"));
  }

  @Test
  void succeededIsRecordedOnceInTheAuditLog() throws Exception {
    String id = newId();
    String operation = provision(id);
    clusters.finish(id, operation, true);

    assertThat(lastOperation(id, operation).get("state").asText()).isEqualTo("succeeded");
    assertThat(lastOperation(id, operation).get("state").asText()).isEqualTo("succeeded");

    assertThat(auditEvents(id, null))
        .containsExactly("provision:requested", "provision:accepted", "provision:succeeded");
  }

  @Test
  void failedCarriesTheReason() throws Exception {
    String id = newId();
    String operation = provision(id);
    clusters.finish(id, operation, false);

    JsonNode state = lastOperation(id, operation);

    assertThat(state.get("state").asText()).isEqualTo("failed");
    assertThat(state.get("description").asText())
        .isEqualTo("provision failed: deploying the BOSH manifest failed");
    assertThat(auditEvents(id, null)).last().isEqualTo("provision:failed");
  }

  @Test
  void deprovisionSucceededThenGone() throws Exception {
    String id = readyInstance();
    String operation =
        body(mvc.perform(deprovisionRequest(id)).andExpect(status().isAccepted()).andReturn())
            .get("operation")
            .asText();
    assertThat(lastOperation(id, operation).get("state").asText()).isEqualTo("in progress");
    clusters.finish(id, operation, true);

    assertThat(lastOperation(id, operation).get("state").asText()).isEqualTo("succeeded");
    mvc.perform(
            broker(
                get("/v2/service_instances/" + id + "/last_operation")
                    .param("operation", operation)))
        .andExpect(status().isGone())
        .andExpect(content().json("{}", true));
    assertThat(
            jdbc.sql("SELECT deleted_at IS NOT NULL FROM service_instances WHERE id = ?")
                .param(id)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void deprovisionWhoseWorkflowIsGoneCountsAsGone() throws Exception {
    String id = readyInstance();
    String operation =
        body(mvc.perform(deprovisionRequest(id)).andReturn()).get("operation").asText();
    clusters.forget(id);

    mvc.perform(
            broker(
                get("/v2/service_instances/" + id + "/last_operation")
                    .param("operation", operation)))
        .andExpect(status().isGone());
  }

  @Test
  void unknownInstanceIs404AndUnknownOperationIs400() throws Exception {
    String unknown = newId();
    mvc.perform(broker(get("/v2/service_instances/" + unknown + "/last_operation")))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.description").value("service instance " + unknown + " does not exist"));

    String id = newId();
    provision(id);
    mvc.perform(
            broker(
                get("/v2/service_instances/" + id + "/last_operation").param("operation", "nope")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description").value("service instance " + id + " has no operation nope"));
  }
}
