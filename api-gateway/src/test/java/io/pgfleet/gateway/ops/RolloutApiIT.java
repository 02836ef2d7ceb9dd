package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.rollout.FleetSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The rollout API over the real rollout workflow (in-process Temporal test server). */
class RolloutApiIT extends GatewayIntegrationTest {

  private static MockHttpServletRequestBuilder json(
      MockHttpServletRequestBuilder request, String body) {
    return admin(request.contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private String start(String body) throws Exception {
    MvcResult result =
        mvc.perform(json(post("/api/v1/rollouts"), body))
            .andExpect(status().isAccepted())
            .andReturn();
    String id = body(result).get("rollout_id").asText();
    assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo("/api/v1/rollouts/" + id);
    assertThat(body(result).get("workflow_id").asText()).isEqualTo("rollout/" + id);
    return id;
  }

  @Test
  void aRolloutIsStartedFollowedPausedResumedAndAborted() throws Exception {
    String id =
        start("{\"clusters\":\"all\",\"description\":\"stemcell 1.500\",\"recreate\":true}");
    rollouts.listed(id);
    mvc.perform(admin(get("/api/v1/rollouts/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("running"))
        .andExpect(jsonPath("$.total").value(3))
        .andExpect(jsonPath("$.in_flight[0]").value("c1"))
        .andExpect(jsonPath("$.canaries_done").value(false));

    mvc.perform(json(post("/api/v1/rollouts/" + id + "/pause"), "{\"reason\":\"weekend freeze\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("paused"))
        .andExpect(jsonPath("$.pause_reason").value("weekend freeze"));
    mvc.perform(admin(post("/api/v1/rollouts/" + id + "/resume")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("running"));
    mvc.perform(admin(post("/api/v1/rollouts/" + id + "/resume")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.description").value("rollout " + id + " is not paused"));
    mvc.perform(admin(post("/api/v1/rollouts/" + id + "/abort")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("aborted"));
    mvc.perform(admin(post("/api/v1/rollouts/" + id + "/pause"))).andExpect(status().isConflict());
  }

  @Test
  void clustersAreChosenByPlanNameOrByList() throws Exception {
    String byPlan =
        start(
            "{\"plan\":\"medium\",\"description\":\"work_mem\",\"postgres_parameters\":{\"work_mem\":\"8MB\"}}");
    rollouts.listed(byPlan);
    String byList = start("{\"cluster_ids\":[\"c2\",\"c3\"],\"description\":\"x\",\"canaries\":0}");
    rollouts.listed(byList);
    assertThat(rollouts.selectors)
        .contains(
            FleetSelector.plan(PlanCatalog.MEDIUM.id()), FleetSelector.list(List.of("c2", "c3")));
    mvc.perform(admin(post("/api/v1/rollouts/" + byPlan + "/abort")));
    mvc.perform(admin(post("/api/v1/rollouts/" + byList + "/abort")));
  }

  @Test
  void aTakenRolloutIdIsAConflictAndUnknownRolloutsAre404() throws Exception {
    String id = start("{\"rollout_id\":\"r-taken\",\"clusters\":\"all\",\"description\":\"x\"}");
    rollouts.listed(id);
    mvc.perform(
            json(
                post("/api/v1/rollouts"),
                "{\"rollout_id\":\"r-taken\",\"clusters\":\"all\",\"description\":\"x\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.description").value("rollout r-taken exists already"));
    mvc.perform(admin(post("/api/v1/rollouts/" + id + "/abort"))).andExpect(status().isOk());

    mvc.perform(admin(get("/api/v1/rollouts/nope")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("rollout nope does not exist"));
    mvc.perform(admin(post("/api/v1/rollouts/nope/resume"))).andExpect(status().isNotFound());
  }

  @Test
  void badBodiesAre400AndStartNothing() throws Exception {
    int before = rollouts.selectors.size();
    String[][] cases = {
      {"", "must be a JSON object"},
      {"{\"description\":\"x\"}", "exactly one of"},
      {"{\"clusters\":\"all\",\"plan\":\"small\",\"description\":\"x\"}", "exactly one of"},
      {"{\"clusters\":\"some\",\"description\":\"x\"}", "clusters only takes \"all\""},
      {"{\"plan\":\"huge\",\"description\":\"x\"}", "plan 'huge' is not in the catalog"},
      {"{\"cluster_ids\":[],\"description\":\"x\"}", "non-empty array"},
      {"{\"cluster_ids\":[\"a\",\"a\"],\"description\":\"x\"}", "listed twice"},
      {"{\"clusters\":\"all\"}", "description is required"},
      {"{\"clusters\":\"all\",\"description\":\"x\",\"max_in_flight\":0}", "max_in_flight must be"},
      {
        "{\"clusters\":\"all\",\"description\":\"x\",\"max_failure_ratio\":1.5}",
        "max_failure_ratio"
      },
      {
        "{\"clusters\":\"all\",\"description\":\"x\",\"postgres_parameters\":{\"Bad-Name\":\"1\"}}",
        "not a PostgreSQL setting name"
      },
      {
        "{\"clusters\":\"all\",\"description\":\"x\",\"recreate\":\"yes\"}",
        "recreate must be true or false"
      },
      {"{\"clusters\":\"all\",\"description\":\"x\",\"colour\":\"red\"}", "unknown field 'colour'"},
    };
    for (String[] c : cases) {
      mvc.perform(json(post("/api/v1/rollouts"), c[0]))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.description").value(org.hamcrest.Matchers.containsString(c[1])));
    }
    assertThat(rollouts.selectors).hasSize(before);
  }

  @Test
  void theApiNeedsTheAdminToken() throws Exception {
    mvc.perform(get("/api/v1/rollouts/x")).andExpect(status().isUnauthorized());
  }
}
