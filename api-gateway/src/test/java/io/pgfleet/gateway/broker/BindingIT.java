package io.pgfleet.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.clusters.OperationFailedException;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.ResultActions;

/** PUT and DELETE /v2/service_instances/:id/service_bindings/:binding_id. */
class BindingIT extends GatewayIntegrationTest {

  @Test
  void bindReturnsCredentialsAndStoresNoPassword() throws Exception {
    String id = readyInstance();
    String binding = newId();

    JsonNode credentials =
        body(bind(id, binding, bindBody(SMALL, "app-1"))
                .andExpect(status().isCreated())
                .andReturn())
            .get("credentials");

    assertThat(credentials.get("uri").asText()).startsWith("postgresql://");
    assertThat(credentials.get("jdbcUrl").asText()).startsWith("jdbc:postgresql://");
    assertThat(credentials.get("username").asText()).isNotBlank();
    assertThat(credentials.get("password").asText()).isNotBlank();
    assertThat(credentials.get("database").asText()).isEqualTo("app");
    assertThat(credentials.get("hosts")).hasSize(3);
    assertThat(bindingRows(binding)).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM service_bindings WHERE row_to_json(service_bindings)::text LIKE ?")
                .param("%" + credentials.get("password").asText() + "%")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(auditEvents(id, binding)).containsExactly("bind:requested", "bind:succeeded");
  }

  @Test
  void identicalRepeatIs200WithTheSameCredentials() throws Exception {
    String id = readyInstance();
    String binding = newId();
    JsonNode first =
        body(
            bind(id, binding, bindBody(SMALL, "app-1"))
                .andExpect(status().isCreated())
                .andReturn());

    JsonNode again =
        body(bind(id, binding, bindBody(SMALL, "app-1")).andExpect(status().isOk()).andReturn());

    assertThat(again).isEqualTo(first);
  }

  @Test
  void sameBindingIdWithOtherAttributesIs409() throws Exception {
    String id = readyInstance();
    String binding = newId();
    bind(id, binding, bindBody(SMALL, "app-1")).andExpect(status().isCreated());

    bind(id, binding, bindBody(SMALL, "app-2"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.description")
                .value("service binding " + binding + " already exists with other attributes"));
    bind(readyInstance(), binding, bindBody(SMALL, "app-1")).andExpect(status().isConflict());
  }

  @Test
  void badBindRequestsAre400Or404() throws Exception {
    String id = readyInstance();
    bind(id, newId(), "{\"service_id\": oops}")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(org.hamcrest.Matchers.startsWith("the request body is not valid JSON")));
    bind(id, newId(), bindBody("nope", "app"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(org.hamcrest.Matchers.startsWith("unknown plan_id 'nope'")));
    bind(id, newId(), bindBody(PlanCatalog.LARGE.id(), "app"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "plan_id "
                        + PlanCatalog.LARGE.id()
                        + " is not the plan of service instance "
                        + id));
    bind(id, "b@d", bindBody(SMALL, "app"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value("binding_id 'b@d' may only contain letters, digits, '.', '_' and '-'"));
    String unknown = newId();
    bind(unknown, newId(), bindBody(SMALL, "app"))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.description").value("service instance " + unknown + " does not exist"));
  }

  @Test
  void bindWhileProvisioningIs422AndLeavesNoBinding() throws Exception {
    String id = newId();
    provision(id);
    String binding = newId();

    bind(id, binding, bindBody(SMALL, "app"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"));

    assertThat(bindingRows(binding)).isZero();
    assertThat(auditEvents(id, binding)).containsExactly("bind:requested", "bind:rejected");
  }

  @Test
  void failedBindLeavesNoBinding() throws Exception {
    String id = readyInstance();
    String binding = newId();
    clusters.failNext(new OperationFailedException("bind of cluster failed: role exists", null));

    bind(id, binding, bindBody(SMALL, "app"))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.description").value("bind of cluster failed: role exists"));

    assertThat(bindingRows(binding)).isZero();
    assertThat(auditEvents(id, binding)).containsExactly("bind:requested", "bind:failed");
  }

  @Test
  void unbindRemovesTheBindingThenIsGone() throws Exception {
    String id = readyInstance();
    String binding = newId();
    bind(id, binding, bindBody(SMALL, "app")).andExpect(status().isCreated());

    unbind(id, binding).andExpect(status().isOk()).andExpect(content().json("{}", true));
    unbind(id, binding).andExpect(status().isGone()).andExpect(content().json("{}", true));

    assertThat(auditEvents(id, binding))
        .containsExactly(
            "bind:requested", "bind:succeeded", "unbind:requested", "unbind:succeeded");
    // The id can be bound again after it was deleted.
    bind(id, binding, bindBody(SMALL, "app")).andExpect(status().isCreated());
  }

  @Test
  void unbindNeedsServiceAndPlan() throws Exception {
    String id = readyInstance();
    mvc.perform(
            broker(delete("/v2/service_instances/" + id + "/service_bindings/" + newId()))
                .param("plan_id", SMALL))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("the query parameter service_id is required"));
  }

  private ResultActions bind(String id, String binding, String body) throws Exception {
    return mvc.perform(
        broker(put("/v2/service_instances/{id}/service_bindings/{binding}", id, binding))
            .content(body));
  }

  private ResultActions unbind(String id, String binding) throws Exception {
    return mvc.perform(
        broker(delete("/v2/service_instances/" + id + "/service_bindings/" + binding))
            .param("service_id", PlanCatalog.SERVICE_ID)
            .param("plan_id", SMALL));
  }
}
