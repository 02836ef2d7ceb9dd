package io.pgfleet.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.clusters.ConcurrencyException;
import io.pgfleet.gateway.clusters.ConflictException;
import io.pgfleet.gateway.clusters.UnavailableException;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** PUT /v2/service_instances/:id and GET /v2/service_instances/:id. */
class ProvisionIT extends GatewayIntegrationTest {

  @Test
  void newInstanceIsAcceptedAndRecorded() throws Exception {
    String id = newId();

    String operation = provision(id);

    assertThat(operation).isNotBlank();
    assertThat(instanceRows(id)).isEqualTo(1);
    assertThat(auditEvents(id, null)).containsExactly("provision:requested", "provision:accepted");
    assertThat(
            jdbc.sql("SELECT last_operation_id FROM service_instances WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo(operation);
  }

  @Test
  void bodyIsReadAsJsonWhateverItsContentType() throws Exception {
    String id = newId();
    mvc.perform(
            broker(put("/v2/service_instances/" + id + "?accepts_incomplete=true"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(provisionBody(SMALL, "{}")))
        .andExpect(status().isAccepted());
    assertThat(instanceRows(id)).isEqualTo(1);
  }

  @Test
  void identicalRepeatWhileProvisioningReturnsTheSameOperation() throws Exception {
    String id = newId();
    String operation = provision(id);

    putInstance(id, provisionBody(SMALL, "{\"purpose\":\"test\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.operation").value(operation));
  }

  @Test
  void identicalRepeatOnceProvisionedIs200() throws Exception {
    String id = readyInstance();

    putInstance(id, provisionBody(SMALL, "{\"purpose\":\"test\"}"))
        .andExpect(status().isOk())
        .andExpect(content().json("{}", true));
  }

  @Test
  void sameIdWithOtherAttributesIs409() throws Exception {
    String id = readyInstance();

    putInstance(id, provisionBody(PlanCatalog.LARGE.id(), "{\"purpose\":\"test\"}"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.description")
                .value(
                    org.hamcrest.Matchers.startsWith(
                        "service instance " + id + " already exists with other attributes")));
    putInstance(id, provisionBody(SMALL, "{\"purpose\":\"other\"}"))
        .andExpect(status().isConflict());
  }

  @Test
  void withoutAcceptsIncompleteIs422AsyncRequired() throws Exception {
    String id = newId();
    for (String query : List.of("", "?accepts_incomplete=false")) {
      mvc.perform(
              broker(put("/v2/service_instances/" + id + query))
                  .content(provisionBody(SMALL, "{}")))
          .andExpect(status().isUnprocessableEntity())
          .andExpect(jsonPath("$.error").value("AsyncRequired"))
          .andExpect(jsonPath("$.description").isNotEmpty());
    }
    assertThat(instanceRows(id)).isZero();
  }

  @Test
  void malformedJsonIs400() throws Exception {
    putInstance(newId(), "{\"service_id\": ")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(org.hamcrest.Matchers.startsWith("the request body is not valid JSON")));
    putInstance(newId(), "[1, 2]")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("the request body must be a JSON object"));
    putInstance(newId(), "")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "the request body is missing; send a JSON object with service_id and plan_id"));
  }

  @Test
  void unknownServiceOrPlanIs400() throws Exception {
    putInstance(newId(), "{\"service_id\":\"mysql\",\"plan_id\":\"" + SMALL + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "unknown service_id 'mysql'; this broker offers postgresql-ha with id "
                        + PlanCatalog.SERVICE_ID));
    putInstance(newId(), provisionBody("huge", "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(
                    org.hamcrest.Matchers.startsWith(
                        "unknown plan_id 'huge'; the plans of postgresql-ha are small (")));
  }

  @Test
  void missingOrMistypedFieldsAre400() throws Exception {
    putInstance(newId(), "{\"plan_id\":\"" + SMALL + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("service_id is required"));
    putInstance(newId(), "{\"service_id\":\"" + PlanCatalog.SERVICE_ID + "\",\"plan_id\":7}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("plan_id must be a non-empty string"));
    putInstance(newId(), provisionBody(SMALL, "[\"not\", \"an object\"]"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("parameters must be a JSON object"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "quote'", "tilde~", "umlaut-ä", "star*"})
  void idsWithOtherCharactersAre400(String id) throws Exception {
    putInstance(id, provisionBody(SMALL, "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "instance_id '" + id + "' may only contain letters, digits, '.', '_' and '-'"));
  }

  @Test
  void aSemicolonInThePathIs400NotAMatrixParameter() throws Exception {
    String id = newId();
    mvc.perform(
            broker(put("/v2/service_instances/" + id + ";x=1?accepts_incomplete=true"))
                .content(provisionBody(SMALL, "{}")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "ids may only contain letters, digits, '.', '_' and '-'; the path contains ';'"));
    assertThat(instanceRows(id)).isZero();
  }

  @Test
  void idsLongerThan64CharactersAre400() throws Exception {
    String id = "a".repeat(65);
    putInstance(id, provisionBody(SMALL, "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value("instance_id is 65 characters long; at most 64 are allowed"));
    provision("b".repeat(64)); // the limit itself is fine
  }

  @Test
  void rejectedProvisionLeavesNoInstance() throws Exception {
    String conflicted = newId();
    clusters.failNext(new ConflictException("cluster is already provisioned with plan small"));
    putInstance(conflicted, provisionBody(SMALL, "{}"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.description").value("cluster is already provisioned with plan small"));

    String busy = newId();
    clusters.failNext(new ConcurrencyException("cluster " + busy + " is DEPROVISIONING"));
    putInstance(busy, provisionBody(SMALL, "{}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"))
        .andExpect(jsonPath("$.description").value("cluster " + busy + " is DEPROVISIONING"));

    for (String id : List.of(conflicted, busy)) {
      assertThat(instanceRows(id)).isZero();
      assertThat(auditEvents(id, null))
          .containsExactly("provision:requested", "provision:rejected");
    }
  }

  @Test
  void workflowServiceFailuresLeaveNoInstance() throws Exception {
    String unreachable = newId();
    clusters.failNext(new UnavailableException("Temporal is down", new RuntimeException()));
    putInstance(unreachable, provisionBody(SMALL, "{}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.description").value("Temporal is down"));

    String crashed = newId();
    clusters.failNext(new IllegalStateException("secret internals"));
    putInstance(crashed, provisionBody(SMALL, "{}"))
        .andExpect(status().isInternalServerError())
        .andExpect(
            jsonPath("$.description").value("internal error; the gateway log has the details"));

    for (String id : List.of(unreachable, crashed)) {
      assertThat(instanceRows(id)).isZero();
      assertThat(auditEvents(id, null))
          .containsExactly("provision:requested", "provision:rejected");
    }
    // Nothing blocks a later, successful attempt with the same id.
    provision(crashed);
    assertThat(instanceRows(crashed)).isEqualTo(1);
  }

  @Test
  void fetchShowsTheInstanceOnceProvisioned() throws Exception {
    String id = newId();
    String operation = provision(id);
    mvc.perform(broker(get("/v2/service_instances/" + id)))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.description")
                .value("service instance " + id + " is still being provisioned"));

    clusters.finish(id, operation, true);
    mvc.perform(broker(get("/v2/service_instances/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.service_id").value(PlanCatalog.SERVICE_ID))
        .andExpect(jsonPath("$.plan_id").value(SMALL))
        .andExpect(jsonPath("$.parameters.purpose").value("test"));
  }

  @Test
  void fetchOfAnUnknownInstanceIs404() throws Exception {
    String id = newId();
    mvc.perform(broker(get("/v2/service_instances/" + id)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("service instance " + id + " does not exist"));
  }

  private ResultActions putInstance(String id, String body) throws Exception {
    return mvc.perform(
        broker(put("/v2/service_instances/{id}?accepts_incomplete=true", id)).content(body));
  }
}
