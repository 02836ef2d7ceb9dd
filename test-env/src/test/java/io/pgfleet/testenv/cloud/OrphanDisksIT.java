package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /orphan_disks/:cid} as BOSH answers it: a delete_orphan_disks task without
 * deployment or context id that removes the disk and its record, succeeds for a cid it does not
 * know, and refuses (400 520000) a disk an instance still uses.
 */
class OrphanDisksIT {

  @TempDir Path stateDir;
  private TestCloud test;
  private DirectorClient client;

  @BeforeEach
  void start() throws Exception {
    test = TestCloud.start(stateDir);
    client = test.client;
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void deletingAnOrphanRemovesItsDirectoryAndRecordAndNothingElse() throws Exception {
    List<String> orphans = deployAndDelete("pg-1");
    assertThat(orphans).hasSize(2);
    String gone = orphans.get(0);
    String kept = orphans.get(1);
    assertThat(orphanDir(gone)).isDirectory();

    HttpResponse<String> redirect =
        client.send(
            client.request("/orphan_disks/" + gone).header("X-Bosh-Context-Id", "op-9").DELETE());
    JsonNode task = client.run(redirect);

    assertThat(task.get("state").asText()).isEqualTo("done");
    assertThat(task.get("description").asText()).isEqualTo("delete orphan disks");
    assertThat(task.get("deployment").isNull()).isTrue();
    assertThat(task.get("context_id").asText()).as("BOSH does not record it here").isEmpty();
    assertThat(task.get("result").asText()).isEqualTo("orphaned disk(s) " + gone + " deleted");
    assertThat(client.output(task.get("id").asLong(), "event"))
        .contains("\"stage\":\"Deleting orphaned disks\"")
        .contains("\"task\":\"Deleting orphaned disk " + gone + "\"")
        .contains("\"state\":\"finished\"");
    assertThat(orphanCids()).containsExactly(kept);
    assertThat(orphanDir(gone)).doesNotExist();
    assertThat(orphanDir(kept)).isDirectory();
  }

  @Test
  void anUnknownOrAlreadyDeletedCidStillEndsDone() throws Exception {
    String cid = deployAndDelete("pg-2").get(0);
    assertThat(client.run(client.delete("/orphan_disks/" + cid)).get("state").asText())
        .isEqualTo("done");

    JsonNode again = client.run(client.delete("/orphan_disks/" + cid));
    JsonNode madeUp = client.run(client.delete("/orphan_disks/..%2F..%2Fdisks"));

    assertThat(again.get("state").asText()).isEqualTo("done");
    assertThat(madeUp.get("state").asText()).isEqualTo("done");
    assertThat(madeUp.get("result").asText()).isEqualTo("orphaned disk(s) ../../disks deleted");
    assertThat(orphanCids()).hasSize(1);
    assertThat(stateDir.resolve("disks")).exists();
  }

  @Test
  void aDiskAnInstanceStillUsesIsRefusedWithoutATask() throws Exception {
    client.deploy(TestManifests.cluster("pg-3", 1, 1));
    String attached =
        DirectorClient.instance(client.instances("pg-3"), "postgres", 0).get("disk_cid").asText();

    HttpResponse<String> response = client.delete("/orphan_disks/" + attached);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = DirectorClient.JSON.readTree(response.body());
    assertThat(error.get("code").asInt()).isEqualTo(520000);
    assertThat(error.get("description").asText())
        .isEqualTo("Deleting persistent disk is not supported: [\"" + attached + "\"]");
    assertThat(stateDir.resolve("disks").resolve(attached)).isDirectory();
    assertThat(DirectorClient.JSON.readTree(client.get("/tasks?verbose=2").body()))
        .noneMatch(t -> t.get("description").asText().equals("delete orphan disks"));
  }

  /** Deploys two postgres VMs with disks and one pgpool, deletes it, returns the orphans. */
  private List<String> deployAndDelete(String name) throws Exception {
    assertThat(client.deploy(TestManifests.cluster(name, 2, 1)).get("state").asText())
        .isEqualTo("done");
    assertThat(client.run(client.delete("/deployments/" + name)).get("state").asText())
        .isEqualTo("done");
    return orphanCids();
  }

  private List<String> orphanCids() throws Exception {
    List<String> cids = new ArrayList<>();
    for (JsonNode disk : DirectorClient.JSON.readTree(client.get("/orphan_disks").body())) {
      cids.add(disk.get("disk_cid").asText());
    }
    return cids;
  }

  private Path orphanDir(String cid) {
    return stateDir.resolve("orphaned_disks").resolve(cid);
  }
}
