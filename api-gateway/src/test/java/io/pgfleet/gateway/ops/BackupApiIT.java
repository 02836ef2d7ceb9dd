package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.clusters.UnavailableException;
import io.pgfleet.gateway.support.FakeBackupWorkflows;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.cluster.BackupSummary;
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
        .andExpect(jsonPath("$.backups[0].backup_id").value(operation))
        .andExpect(jsonPath("$.backups[0].mode").value("snapshot"))
        .andExpect(jsonPath("$.backups[0].status").value("in_progress"));
    mvc.perform(admin(get("/api/v1/clusters/" + id)))
        .andExpect(jsonPath("$.phase").value("backing_up"));

    clusters.finish(id, operation, true);

    mvc.perform(admin(backups(id)))
        .andExpect(jsonPath("$.backups[0].status").value("succeeded"))
        .andExpect(jsonPath("$.backups[0].start_lsn").value("0/5000028"))
        .andExpect(jsonPath("$.backups[0].stop_lsn").value("0/5000138"))
        .andExpect(jsonPath("$.backups[0].timeline").value(1))
        .andExpect(jsonPath("$.backups[0].finished_at").isNotEmpty());
    mvc.perform(admin(get("/api/v1/operations/" + operation)))
        .andExpect(jsonPath("$.type").value("backup"))
        .andExpect(jsonPath("$.state").value("succeeded"));
  }

  @Test
  void eachBackupShowsItsVerificationAndTheListingTheLatestRestorableTime() throws Exception {
    String id = readyInstance();
    String backup = succeededBackup(id);

    mvc.perform(admin(backups(id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cluster_id").value(id))
        .andExpect(jsonPath("$.backups[0].verified").value(nullValue()))
        .andExpect(jsonPath("$.backups[0].verification").value(nullValue()))
        .andExpect(jsonPath("$.latest_restorable_time").value("2023-11-14T22:13:20Z"))
        .andExpect(jsonPath("$.latest_restorable_lsn").value(FakeBackupWorkflows.END_LSN))
        .andExpect(jsonPath("$.latest_restorable_time_error").value(nullValue()));

    BackupSummary listed = clusters.backups(id).get(0);
    clusters.putBackup(id, verified(listed, false, "relation public.t is unreadable"));
    mvc.perform(admin(backups(id)))
        .andExpect(jsonPath("$.backups[0].backup_id").value(backup))
        .andExpect(jsonPath("$.backups[0].verified").value(false))
        .andExpect(jsonPath("$.backups[0].verification.passed").value(false))
        .andExpect(
            jsonPath("$.backups[0].verification.detail").value("relation public.t is unreadable"))
        .andExpect(jsonPath("$.backups[0].verification.operation_id").value("verify-1"))
        .andExpect(jsonPath("$.backups[0].verification.verified_at").value("2023-11-14T22:13:21Z"));
    clusters.putBackup(id, verified(listed, true, "12 relations read, sentinel row found"));
    mvc.perform(admin(backups(id))).andExpect(jsonPath("$.backups[0].verified").value(true));
  }

  @Test
  void anArchiveThatCannotBeReadLeavesTheTimeEmptyWithAReasonButTheListingAnswers()
      throws Exception {
    String id = readyInstance();
    succeededBackup(id);
    String reason = "the archive coverage of cluster " + id + " did not arrive within 10 s";
    backupWorkflows.failCoverage(id, new UnavailableException(reason, null));
    try {
      mvc.perform(admin(backups(id)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.backups.length()").value(1))
          .andExpect(jsonPath("$.latest_restorable_time").value(nullValue()))
          .andExpect(jsonPath("$.latest_restorable_time_error").value(reason));
      backupWorkflows.failCoverage(id, new IllegalStateException("bug"));
      mvc.perform(admin(backups(id)))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.latest_restorable_time").value(nullValue()))
          .andExpect(
              jsonPath("$.latest_restorable_time_error")
                  .value(
                      "the archive coverage of cluster " + id + " could not be read; see the log"));
    } finally {
      backupWorkflows.failCoverage(id, null);
    }
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
        .andExpect(jsonPath("$.backups.length()").value(2))
        .andExpect(jsonPath("$.backups[0].mode").value("snapshot"))
        .andExpect(jsonPath("$.backups[0].status").value("failed"))
        .andExpect(jsonPath("$.backups[0].error").isNotEmpty())
        .andExpect(jsonPath("$.backups[1].mode").value("copy"));
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
    mvc.perform(admin(backups(id))).andExpect(jsonPath("$.backups.length()").value(0));
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

  /** Takes a backup through the API and lets it succeed; returns its id. */
  private String succeededBackup(String clusterId) throws Exception {
    String backup =
        body(mvc.perform(admin(backup(clusterId, null)))
                .andExpect(status().isAccepted())
                .andReturn())
            .get("operation_id")
            .asText();
    clusters.finish(clusterId, backup, true);
    return backup;
  }

  private static BackupSummary verified(BackupSummary b, boolean passed, String detail) {
    return new BackupSummary(
        b.backupId(),
        b.operationId(),
        b.mode(),
        b.status(),
        b.requestedAtMillis(),
        b.finishedAtMillis(),
        b.startLsn(),
        b.stopLsn(),
        b.startedAtMillis(),
        b.stoppedAtMillis(),
        b.timeline(),
        b.error(),
        new BackupVerification(
            "cluster-of-" + b.backupId(),
            b.backupId(),
            passed,
            detail,
            "verify-1",
            FakeBackupWorkflows.ARCHIVED_AT + 1000));
  }
}
