package io.pgfleet.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.RollingUpdateRequest;
import org.junit.jupiter.api.Test;

/** OSB PATCH /v2/service_instances/:id: a new plan is a rolling update to it. */
class PlanChangeIT extends GatewayIntegrationTest {

  private static final String MEDIUM = PlanCatalog.MEDIUM.id();

  private static String patchBody(String planId) {
    return """
        {"service_id":"%s","plan_id":"%s","previous_values":{"plan_id":"%s"}}"""
        .formatted(PlanCatalog.SERVICE_ID, planId, SMALL);
  }

  @Test
  void aNewPlanRunsAnAsyncRollingUpdateAndTheInventoryTakesItOnceDone() throws Exception {
    String id = readyInstance();

    String op =
        body(mvc.perform(
                    broker(patch("/v2/service_instances/" + id + "?accepts_incomplete=true"))
                        .content(patchBody(MEDIUM)))
                .andExpect(status().isAccepted())
                .andReturn())
            .get("operation")
            .asText();

    RollingUpdateRequest request = clusters.updateRequest(id, op).orElseThrow();
    assertThat(request.planId()).isEqualTo(MEDIUM);
    assertThat(request.requestedBy()).isEqualTo("broker");
    assertThat(request.recreate()).isTrue();
    assertThat(lastOperation(id, op).get("state").asText()).isEqualTo("in progress");
    mvc.perform(broker(get("/v2/service_instances/" + id)))
        .andExpect(jsonPath("$.plan_id").value(SMALL));

    clusters.finish(id, op, true);
    assertThat(lastOperation(id, op).get("state").asText()).isEqualTo("succeeded");
    mvc.perform(broker(get("/v2/service_instances/" + id)))
        .andExpect(jsonPath("$.plan_id").value(MEDIUM));
    assertThat(auditEvents(id, null))
        .containsSubsequence(
            "rolling_update:requested", "rolling_update:accepted", "rolling_update:succeeded");
  }

  @Test
  void theSamePlanIsANoOpAndBadRequestsChangeNothing() throws Exception {
    String id = readyInstance();
    mvc.perform(
            broker(patch("/v2/service_instances/" + id + "?accepts_incomplete=true"))
                .content(patchBody(SMALL)))
        .andExpect(status().isOk());
    mvc.perform(broker(patch("/v2/service_instances/" + id)).content(patchBody(MEDIUM)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("AsyncRequired"));
    mvc.perform(
            broker(patch("/v2/service_instances/" + id + "?accepts_incomplete=true"))
                .content(patchBody("no-such-plan")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("plan_id no-such-plan is not in the catalog"));
    mvc.perform(
            broker(patch("/v2/service_instances/" + id + "?accepts_incomplete=true"))
                .content("{\"parameters\":{\"x\":\"y\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description").value("parameters cannot be changed after provisioning"));
    mvc.perform(
            broker(patch("/v2/service_instances/" + newId() + "?accepts_incomplete=true"))
                .content(patchBody(MEDIUM)))
        .andExpect(status().isNotFound());
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("rolling_update"));
  }
}
