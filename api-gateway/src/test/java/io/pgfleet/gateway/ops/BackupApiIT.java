package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST and GET /api/v1/clusters/{id}/backups: an Update and a Query of the cluster's workflow. */
class BackupApiIT extends GatewayIntegrationTest {

  private static MockHttpServletRequestBuilder backup(String clusterId, String body) {
    MockHttpServletRequestBuilder request = post("/api/v1/clusters/" + clusterId + "/backups");
    return body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private static MockHttpServletRequestBuilder backups(String clusterId) {
    return get("/api/v1/clusters/" + clusterId + "/backups");
  }

  @Test
  void aReadyClusterIsBackedUpAndTheBackupIsListedWithItsLsns() throws Exception {
    String id = readyInstance();

    MvcResult result =
        mvc.perform(admin(backup(id, "{\"mode\":\"snapshot\"}")))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.cluster_id").value(id))
            .andReturn();
    String operation = body(result).get("operation_id").asText();
    assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo("/api/v1/operations/" + operation);
    assertThat(auditEvents(id, null)).endsWith("backup:requested", "backup:accepted");
    mvc.perform(admin(backups(id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].backup_id").value(operation))
        .andExpect(jsonPath("$[0].mode").value("snapshot"))
        .andExpect(jsonPath("$[0].status").value("in_progress"));
    mvc.perform(admin(get("/api/v1/clusters/" + id)))
        .andExpect(jsonPath("$.phase").value("backing_up"));

    clusters.finish(id, operation, true);

    mvc.perform(admin(backups(id)))
        .andExpect(jsonPath("$[0].status").value("succeeded"))
        .andExpect(jsonPath("$[0].start_lsn").value("0/5000028"))
        .andExpect(jsonPath("$[0].stop_lsn").value("0/5000138"))
        .andExpect(jsonPath("$[0].timeline").value(1))
        .andExpect(jsonPath("$[0].finished_at").isNotEmpty());
    mvc.perform(admin(get("/api/v1/operations/" + operation)))
        .andExpect(jsonPath("$.type").value("backup"))
        .andExpect(jsonPath("$.state").value("succeeded"));
  }

  @Test
  void theModeDefaultsToSnapshotAndCopyIsAccepted() throws Exception {
    String id = readyInstance();

    String first =
        body(mvc.perform(admin(backup(id, null))).andExpect(status().isAccepted()).andReturn())
            .get("operation_id")
            .asText();
    clusters.finish(id, first, false);
    mvc.perform(admin(backup(id, "{\"mode\":\"COPY\"}"))).andExpect(status().isAccepted());

    mvc.perform(admin(backups(id)))
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].mode").value("snapshot"))
        .andExpect(jsonPath("$[0].status").value("failed"))
        .andExpect(jsonPath("$[0].error").isNotEmpty())
        .andExpect(jsonPath("$[1].mode").value("copy"));
  }

  @Test
  void anUnknownModeIsABadRequestAndNothingHappens() throws Exception {
    String id = readyInstance();

    mvc.perform(admin(backup(id, "{\"mode\":\"tape\"}")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value("mode 'tape' is not a backup mode; use \"snapshot\" or \"copy\""));
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("backup:"));
    mvc.perform(admin(backups(id))).andExpect(jsonPath("$.length()").value(0));
  }

  @Test
  void whileAnotherOperationRunsTheWorkflowRefusesWithAConcurrencyError() throws Exception {
    String id = readyInstance();
    mvc.perform(admin(backup(id, null))).andExpect(status().isAccepted());

    mvc.perform(admin(backup(id, null)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"))
        .andExpect(jsonPath("$.description").value("cluster " + id + " is BACKING_UP"));
    assertThat(auditEvents(id, null)).endsWith("backup:requested", "backup:rejected");
  }

  @Test
  void anUnknownClusterIs404() throws Exception {
    String id = newId();

    mvc.perform(admin(backup(id, null)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("cluster " + id + " does not exist"));
    mvc.perform(admin(backups(id))).andExpect(status().isNotFound());
    mvc.perform(backups(id)).andExpect(status().isUnauthorized());
  }

  @Test
  void theOpenApiDocumentDescribesBoth() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/clusters/{id}/backups'].post").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/clusters/{id}/backups'].post.responses['400']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/clusters/{id}/backups'].get").exists());
  }
}
