package io.pgfleet.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.cluster.ProvisionRequest;
import io.pgfleet.workflows.cluster.RestoreRequest;
import io.pgfleet.workflows.cluster.RestoreSource;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST /api/v1/clusters/{id}/restore: in place (an Update) or into a new cluster (a provision). */
class RestoreApiIT extends GatewayIntegrationTest {

  static MockHttpServletRequestBuilder restore(String clusterId, String body) {
    return post("/api/v1/clusters/" + clusterId + "/restore")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  /** A ready cluster with one succeeded backup; returns {clusterId, backupId}. */
  private String[] clusterWithBackup() throws Exception {
    String id = readyInstance();
    String backup =
        body(mvc.perform(admin(post("/api/v1/clusters/" + id + "/backups")))
                .andExpect(status().isAccepted())
                .andReturn())
            .get("operation_id")
            .asText();
    clusters.finish(id, backup, true);
    return new String[] {id, backup};
  }

  @Test
  void inPlaceToATimeIsAnUpdateOfTheClusterAndCanBeFollowed() throws Exception {
    String[] cb = clusterWithBackup();
    String id = cb[0];

    MvcResult result =
        mvc.perform(
                admin(
                    restore(
                        id,
                        """
                        {"target":{"time":"2026-11-22T09:15:30.250+01:00"},"backup_id":"%s"}"""
                            .formatted(cb[1]))))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.cluster_id").value(id))
            .andReturn();

    String op = body(result).get("operation_id").asText();
    assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
        .isEqualTo("/api/v1/operations/" + op);
    assertThat(clusters.restoreRequest(id, op))
        .contains(
            new RestoreRequest(
                op,
                cb[1],
                new RecoveryTarget(RecoveryTargetKind.TIME, "2026-11-22T08:15:30.250Z"),
                "api"));
    assertThat(auditEvents(id, null)).endsWith("restore:requested", "restore:accepted");
    mvc.perform(admin(get("/api/v1/operations/" + op)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.type").value("restore"))
        .andExpect(jsonPath("$.state").value("in_progress"));
  }

  @Test
  void everyTargetKindIsPassedOnNormalisedAndTheBackupIsOptional() throws Exception {
    String id = readyInstance();
    Map<String, RecoveryTarget> targets =
        Map.of(
            "{\"xid\":1234}", new RecoveryTarget(RecoveryTargetKind.XID, "1234"),
            "{\"xid\":\"9876543210\"}", new RecoveryTarget(RecoveryTargetKind.XID, "9876543210"),
            "{\"lsn\":\"0/5000a28\"}", new RecoveryTarget(RecoveryTargetKind.LSN, "0/5000A28"),
            "{\"name\":\"before-migration\"}",
                new RecoveryTarget(RecoveryTargetKind.NAME, "before-migration"),
            "{\"latest\":true}", RecoveryTarget.latest(),
            "{\"time\":\"2026-11-22T08:15:30Z\"}",
                new RecoveryTarget(RecoveryTargetKind.TIME, "2026-11-22T08:15:30Z"));
    for (var target : targets.entrySet()) {
      String op =
          body(mvc.perform(
                      admin(
                          restore(
                              id, "{\"target\":" + target.getKey() + ",\"mode\":\"in_place\"}")))
                  .andExpect(status().isAccepted())
                  .andReturn())
              .get("operation_id")
              .asText();
      assertThat(clusters.restoreRequest(id, op))
          .as(target.getKey())
          .contains(new RestoreRequest(op, null, target.getValue(), "api"));
      clusters.finish(id, op, true);
    }
  }

  @Test
  void anUnknownBackupIsNotFoundAndAFailedOneAConflict() throws Exception {
    String id = readyInstance();
    String failed =
        body(mvc.perform(admin(post("/api/v1/clusters/" + id + "/backups")))
                .andExpect(status().isAccepted())
                .andReturn())
            .get("operation_id")
            .asText();
    clusters.finish(id, failed, false);

    mvc.perform(admin(restore(id, "{\"target\":{\"latest\":true},\"backup_id\":\"nope\"}")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("NotFound"))
        .andExpect(jsonPath("$.description").value("cluster " + id + " has no backup nope"));
    mvc.perform(
            admin(
                restore(
                    id,
                    "{\"target\":{\"latest\":true},\"mode\":\"new_cluster\",\"new_instance_id\":\""
                        + newId()
                        + "\",\"backup_id\":\"nope\"}")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("NotFound"));
    mvc.perform(
            admin(restore(id, "{\"target\":{\"latest\":true},\"backup_id\":\"" + failed + "\"}")))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.description")
                .value(
                    "backup "
                        + failed
                        + " of cluster "
                        + id
                        + " is failed; only a succeeded backup can be restored"));
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("restore:"));
  }

  @Test
  void whileAnotherOperationRunsTheWorkflowRefusesWithAConcurrencyError() throws Exception {
    String id = readyInstance();
    mvc.perform(admin(restore(id, "{\"target\":{\"latest\":true}}")))
        .andExpect(status().isAccepted());

    mvc.perform(admin(restore(id, "{\"target\":{\"latest\":true}}")))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.error").value("ConcurrencyError"))
        .andExpect(jsonPath("$.description").value("cluster " + id + " runs a RESTORE"));
    assertThat(auditEvents(id, null))
        .endsWith("restore:accepted", "restore:requested", "restore:rejected");
    assertThat(clusters.view(id).orElseThrow().operations()).hasSize(2);
  }

  @Test
  void anUnknownClusterIs404AndAClusterThatCannotBeRestoredIs409() throws Exception {
    String ghost = newId();
    mvc.perform(admin(restore(ghost, "{\"target\":{\"latest\":true}}")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.description").value("cluster " + ghost + " does not exist"));

    String failed = newId();
    clusters.finish(failed, provision(failed), false);
    mvc.perform(admin(restore(failed, "{\"target\":{\"latest\":true}}")))
        .andExpect(status().isConflict());
    assertThat(auditEvents(failed, null)).endsWith("restore:requested", "restore:rejected");
  }

  @Test
  void intoANewClusterProvisionsItWithTheSourcesPlanAndRecordsIt() throws Exception {
    String[] cb = clusterWithBackup();
    String source = cb[0];
    String copy = newId();

    MvcResult result =
        mvc.perform(
                admin(
                    restore(
                        source,
                        """
                        {"target":{"lsn":"0/5000138"},"backup_id":"%s","mode":"new_cluster",
                         "new_instance_id":"%s"}"""
                            .formatted(cb[1], copy))))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.cluster_id").value(copy))
            .andReturn();

    String op = body(result).get("operation_id").asText();
    RecoveryTarget target = new RecoveryTarget(RecoveryTargetKind.LSN, "0/5000138");
    ProvisionRequest request = clusters.provisionRequests(copy).get(op);
    assertThat(request.restoreFrom()).isEqualTo(new RestoreSource(source, cb[1], target));
    assertThat(request.planId()).isEqualTo(SMALL);
    assertThat(request.parameters()).containsEntry("purpose", "test");
    assertThat(request.context())
        .containsEntry("restored_from_cluster", source)
        .containsEntry("restored_from_backup", cb[1])
        .containsEntry("restore_target", "lsn 0/5000138");
    assertThat(auditEvents(copy, null))
        .containsExactly("provision:requested", "provision:accepted");
    assertThat(auditEvents(source, null)).noneMatch(e -> e.startsWith("restore:"));
    mvc.perform(admin(get("/api/v1/clusters/" + copy)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.plan_id").value(SMALL))
        .andExpect(jsonPath("$.phase").value("provisioning"))
        .andExpect(jsonPath("$.last_operation_id").value(op));
    assertThat(
            jdbc.sql("SELECT context->>'restored_from_cluster' FROM service_instances WHERE id = ?")
                .param(copy)
                .query(String.class)
                .single())
        .isEqualTo(source);
    mvc.perform(admin(get("/api/v1/operations/" + op)))
        .andExpect(jsonPath("$.type").value("provision"))
        .andExpect(jsonPath("$.cluster_id").value(copy));
  }

  @Test
  void aNewClusterIdThatExistsIsAConflictAndNothingIsProvisioned() throws Exception {
    String source = readyInstance();
    String other = readyInstance();
    int provisions = clusters.provisionRequests(other).size();

    mvc.perform(
            admin(
                restore(
                    source,
                    "{\"target\":{\"latest\":true},\"mode\":\"new_cluster\",\"new_instance_id\":\""
                        + other
                        + "\"}")))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.description")
                .value("cluster " + other + " already exists; choose another new_instance_id"));
    assertThat(clusters.provisionRequests(other)).hasSize(provisions);
    assertThat(auditEvents(other, null))
        .containsExactly("provision:requested", "provision:accepted");
  }

  @Test
  void aRefusedProvisionOfTheNewClusterLeavesNoInstance() throws Exception {
    String source = readyInstance();
    String copy = newId();
    clusters.failNext(
        new io.pgfleet.gateway.clusters.InvalidRequestException("restore source is not usable"));

    mvc.perform(
            admin(
                restore(
                    source,
                    "{\"target\":{\"latest\":true},\"mode\":\"new_cluster\",\"new_instance_id\":\""
                        + copy
                        + "\"}")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value("restore source is not usable"));
    assertThat(instanceRows(copy)).isZero();
    assertThat(clusters.exists(copy)).isFalse();
    assertThat(auditEvents(copy, null))
        .containsExactly("provision:requested", "provision:rejected");
  }

  @Test
  void theOpenApiDocumentDescribesIt() throws Exception {
    String path = "$.paths['/api/v1/clusters/{id}/restore'].post";
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath(path + ".responses['202']").exists())
        .andExpect(jsonPath(path + ".responses['400']").exists())
        .andExpect(jsonPath(path + ".responses['404']").exists())
        .andExpect(jsonPath(path + ".responses['409']").exists())
        .andExpect(jsonPath(path + ".responses['422']").exists())
        .andExpect(jsonPath(path + ".requestBody").exists())
        .andExpect(jsonPath("$.components.schemas.RestoreBody.properties.new_instance_id").exists())
        .andExpect(jsonPath("$.components.schemas.Target.properties.lsn").exists());
  }
}
