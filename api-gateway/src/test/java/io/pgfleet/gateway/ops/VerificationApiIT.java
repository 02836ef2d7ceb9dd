package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.clusters.UnavailableException;
import io.pgfleet.gateway.clusters.VerificationState;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.verify.VerifyBackupInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

/** POST /api/v1/backups/{backupId}/verify and how a verification is followed. */
class VerificationApiIT extends GatewayIntegrationTest {

  private String succeededBackup(String clusterId) throws Exception {
    String backup =
        body(mvc.perform(admin(post("/api/v1/clusters/" + clusterId + "/backups")))
                .andExpect(status().isAccepted())
                .andReturn())
            .get("operation_id")
            .asText();
    clusters.finish(clusterId, backup, true);
    return backup;
  }

  @Test
  void aBackupTheGatewayAcceptedIsVerifiedByIdAndCanBeFollowed() throws Exception {
    String id = readyInstance();
    String backup = succeededBackup(id);

    MvcResult result =
        mvc.perform(admin(post("/api/v1/backups/" + backup + "/verify")))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.cluster_id").value(id))
            .andExpect(jsonPath("$.backup_id").value(backup))
            .andReturn();
    String op = body(result).get("operation_id").asText();
    String workflowId = body(result).get("workflow_id").asText();
    assertThat(workflowId).isEqualTo("verify/" + backup + "/" + op);
    assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo("/api/v1/backups/" + backup + "/verifications/" + op);
    assertThat(backupWorkflows.started(workflowId))
        .contains(new VerifyBackupInput(id, backup, op, null));
    assertThat(auditEvents(id, null)).endsWith("verify_backup:requested", "verify_backup:accepted");

    String status = "/api/v1/backups/" + backup + "/verifications/" + op;
    mvc.perform(admin(get(status)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("running"))
        .andExpect(jsonPath("$.workflow_id").value(workflowId))
        .andExpect(jsonPath("$.requested_at").isNotEmpty());

    long now = 1_700_000_100_000L;
    OperationView done =
        new OperationView(
            op,
            id,
            OperationType.VERIFY_BACKUP,
            OperationState.SUCCEEDED,
            "verified",
            now - 60_000,
            now,
            List.of(),
            null);
    backupWorkflows.setState(
        workflowId,
        new VerificationState(
            "completed",
            done,
            new BackupVerification(id, backup, true, "3 relations read", op, now),
            null));
    mvc.perform(admin(get(status)))
        .andExpect(jsonPath("$.status").value("completed"))
        .andExpect(jsonPath("$.verification.passed").value(true))
        .andExpect(jsonPath("$.verification.detail").value("3 relations read"))
        .andExpect(jsonPath("$.operation.state").value("succeeded"));
    mvc.perform(admin(get("/api/v1/operations/" + op)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.type").value("verify_backup"))
        .andExpect(jsonPath("$.state").value("succeeded"));

    backupWorkflows.setState(
        workflowId, new VerificationState("failed", null, null, "the object store refused"));
    mvc.perform(admin(get("/api/v1/operations/" + op)))
        .andExpect(jsonPath("$.type").value("verify_backup"))
        .andExpect(jsonPath("$.state").value("failed"))
        .andExpect(jsonPath("$.error").value("the object store refused"));
  }

  @Test
  void aScheduledBackupIsKnownOnceTheClusterListedIt() throws Exception {
    String id = readyInstance();
    String scheduled = "scheduled-" + newId();
    clusters.putBackup(id, succeeded(scheduled));

    mvc.perform(admin(post("/api/v1/backups/" + scheduled + "/verify")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("NotFound"));
    mvc.perform(admin(get("/api/v1/clusters/" + id + "/backups"))).andExpect(status().isOk());
    assertThat(
            jdbc.sql("SELECT cluster_id FROM backups WHERE backup_id = ?")
                .param(scheduled)
                .query(String.class)
                .list())
        .containsExactly(id);

    mvc.perform(admin(post("/api/v1/backups/" + scheduled + "/verify")))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.cluster_id").value(id));
  }

  @Test
  void unknownMalformedOrUnfinishedBackupsAreRefusedAndNothingStarts() throws Exception {
    int before = backupWorkflows.startedCount();
    mvc.perform(admin(post("/api/v1/backups/nope-" + newId() + "/verify")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("NotFound"));
    mvc.perform(admin(post("/api/v1/backups/-x/verify")))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "backup id '-x' is not a backup id: 1-128 letters, digits, '.', '_' or '-'"));

    String id = readyInstance();
    String running =
        body(mvc.perform(admin(post("/api/v1/clusters/" + id + "/backups")))
                .andExpect(status().isAccepted())
                .andReturn())
            .get("operation_id")
            .asText();
    mvc.perform(admin(post("/api/v1/backups/" + running + "/verify")))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "backup "
                        + running
                        + " of cluster "
                        + id
                        + " is in_progress; only a succeeded backup can be verified"));
    mvc.perform(admin(get("/api/v1/backups/" + running + "/verifications/" + newId())))
        .andExpect(status().isNotFound());
    assertThat(backupWorkflows.startedCount()).isEqualTo(before);
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("verify_backup:"));
  }

  @Test
  void whenTemporalCannotBeReachedNoVerificationIsRecorded() throws Exception {
    String id = readyInstance();
    String backup = succeededBackup(id);
    backupWorkflows.failNextStart(
        new UnavailableException("backup verification could not be delivered", null));

    mvc.perform(admin(post("/api/v1/backups/" + backup + "/verify")))
        .andExpect(status().isServiceUnavailable());
    assertThat(
            jdbc.sql("SELECT count(*) FROM backup_verifications WHERE backup_id = ?")
                .param(backup)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(auditEvents(id, null)).endsWith("verify_backup:requested", "verify_backup:rejected");
  }

  @Test
  void theOpenApiDocumentDescribesIt() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath("$.paths['/api/v1/backups/{backupId}/verify'].post.responses['202']").exists())
        .andExpect(
            jsonPath("$.paths['/api/v1/backups/{backupId}/verifications/{operationId}'].get")
                .exists());
  }

  private static BackupSummary succeeded(String backupId) {
    return new BackupSummary(
        backupId,
        backupId,
        BackupMode.SNAPSHOT,
        OperationState.SUCCEEDED,
        1_700_000_000_000L,
        1_700_000_002_000L,
        "0/7000028",
        "0/7000138",
        1_700_000_000_100L,
        1_700_000_001_900L,
        1,
        null,
        null);
  }
}
