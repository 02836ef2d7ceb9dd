package io.pgfleet.gateway.ops;

import static io.pgfleet.gateway.ops.RestoreApiIT.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/clusters/{id}/restore with bodies that are wrong whatever the cluster's state. */
class RestoreBadRequestIT extends GatewayIntegrationTest {

  @Test
  void malformedBodiesAreBadRequestsAndChangeNothing() throws Exception {
    String id = readyInstance();
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry(
                "{}",
                "target is required: an object with exactly one of time, xid, lsn, name,"
                    + " latest"),
            Map.entry(
                "{\"target\":{}}",
                "target must have exactly one of time, xid, lsn, name, latest; it has none"),
            Map.entry(
                "{\"target\":{\"latest\":true,\"xid\":5}}",
                "target must have exactly one of time, xid, lsn, name, latest; it has latest,"
                    + " xid"),
            Map.entry(
                "{\"target\":{\"when\":\"now\"}}",
                "target has an unknown key 'when'; use one of time, xid, lsn, name, latest"),
            Map.entry(
                "{\"target\":\"latest\"}", "target must be a JSON object, e.g. {\"latest\": true}"),
            Map.entry(
                "{\"target\":{\"time\":\"2026-11-22T08:15:30\"}}",
                "target.time '2026-11-22T08:15:30' is not an ISO-8601 timestamp with offset,"
                    + " e.g. 2026-11-22T08:15:30Z or 2026-11-22T09:15:30.250+01:00"),
            Map.entry(
                "{\"target\":{\"time\":12}}",
                "target.time must be a string: an ISO-8601 timestamp with offset"),
            Map.entry(
                "{\"target\":{\"xid\":0}}",
                "target.xid '0' is not a positive integer transaction id"),
            Map.entry(
                "{\"target\":{\"xid\":\"-3\"}}",
                "target.xid '-3' is not a positive integer transaction id"),
            Map.entry(
                "{\"target\":{\"xid\":1.5}}", "target.xid must be a string: a positive integer"),
            Map.entry(
                "{\"target\":{\"lsn\":\"5000028\"}}",
                "target.lsn '5000028' is not a WAL position: two hex numbers X/Y, e.g. 0/5000028"),
            Map.entry(
                "{\"target\":{\"lsn\":\"0/XYZ\"}}",
                "target.lsn '0/XYZ' is not a WAL position: two hex numbers X/Y, e.g. 0/5000028"),
            Map.entry("{\"target\":{\"name\":\"\"}}", "target.name must not be empty"),
            Map.entry(
                "{\"target\":{\"name\":\"" + "é".repeat(32) + "\"}}",
                "target.name is 64 bytes long; restore point names have at most 63"),
            Map.entry(
                "{\"target\":{\"latest\":false}}",
                "target.latest must be true (to recover to the end of the archive)"),
            Map.entry(
                "{\"target\":{\"latest\":true},\"mode\":\"sideways\"}",
                "mode 'sideways' is not a restore mode; use \"in_place\" or \"new_cluster\""),
            Map.entry(
                "{\"target\":{\"latest\":true},\"mode\":\"new_cluster\"}",
                "new_instance_id is required with mode new_cluster"),
            Map.entry(
                "{\"target\":{\"latest\":true},\"mode\":\"new_cluster\",\"new_instance_id\":\"a/b\"}",
                "new_instance_id 'a/b' may only contain letters, digits, '.', '_' and '-'"),
            Map.entry(
                "{\"target\":{\"latest\":true},\"new_instance_id\":\"copy\"}",
                "new_instance_id only applies to mode new_cluster; an in-place restore keeps the"
                    + " cluster"),
            Map.entry(
                "{\"target\":{\"latest\":true},\"backup_id\":\"../x\"}",
                "backup_id '../x' is not a backup id: 1-128 letters, digits, '.', '_' or '-'"),
            Map.entry(
                "{\"target\":{\"latest\":true},\"backupId\":\"b\"}",
                "unknown field 'backupId'; a restore takes target, backup_id, mode,"
                    + " new_instance_id"),
            Map.entry("[]", "the request body must be a JSON object"));
    for (var c : cases.entrySet()) {
      mvc.perform(admin(restore(id, c.getKey())))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.description").value(c.getValue()));
    }
    mvc.perform(admin(post("/api/v1/clusters/" + id + "/restore")))
        .andExpect(status().isBadRequest());
    assertThat(auditEvents(id, null)).noneMatch(e -> e.startsWith("restore:"));
    assertThat(clusters.view(id).orElseThrow().operations()).hasSize(1); // the provision
  }
}
