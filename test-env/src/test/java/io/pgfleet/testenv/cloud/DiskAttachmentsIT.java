package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /disks/:cid/attachments} at the HTTP level, as BOSH's disks controller answers it: a
 * 302 to an attach_disk task for any body and content type, the deployment checked up front, all
 * else in the task. Swapping postgres/1's disk for postgres/0's orphan shows the disk moving.
 */
class DiskAttachmentsIT {

  @TempDir Path stateDir;
  private TestCloud test;
  private DirectorClient client;

  @BeforeEach
  void start() throws Exception {
    test = TestCloud.start(stateDir);
    client = test.client;
    assertThat(client.deploy(TestManifests.cluster("pg-1", 2, 1)).get("state").asText())
        .isEqualTo("done");
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void anOrphanAttachedToAStoppedInstanceReplacesItsDisk() throws Exception {
    LocalVm pg0 = test.cloud.vm("pg-1", "postgres", 0).orElseThrow();
    LocalVm pg1 = test.cloud.vm("pg-1", "postgres", 1).orElseThrow();
    // scaling down to one postgres instance orphans postgres/1's disk
    client.deploy(TestManifests.cluster("pg-1", 1, 1));
    assertThat(orphans()).containsExactly(pg1.diskCid());
    stop(pg0);

    JsonNode task =
        client.run(client.send(put(pg1.diskCid(), "pg-1", pg0.instanceId(), "op-1/attach")));

    assertThat(task.get("state").asText()).isEqualTo("done");
    assertThat(task.get("description").asText())
        .isEqualTo("attach disk '" + pg1.diskCid() + "' to 'postgres/" + pg0.instanceId() + "'");
    assertThat(task.get("deployment").asText()).isEqualTo("pg-1");
    assertThat(task.get("context_id").asText()).isEqualTo("op-1/attach");
    assertThat(DirectorClient.JSON.readTree(client.get("/tasks?context_id=op-1/attach").body()))
        .as("listed at the default verbosity, as BOSH lists attach_disk")
        .hasSize(1);
    assertThat(orphans()).containsExactly(pg0.diskCid());
    LocalVm after = test.cloud.vm("pg-1", "postgres", 0).orElseThrow();
    assertThat(after.diskCid()).isEqualTo(pg1.diskCid());
    assertThat(after.storeDir()).isEqualTo(stateDir.resolve("disks").resolve(pg1.diskCid()));
    JsonNode orphan = DirectorClient.JSON.readTree(client.get("/orphan_disks").body()).get(0);
    assertThat(orphan.get("instance_name").asText()).isEqualTo("postgres/" + pg0.instanceId());
    assertThat(orphan.get("size").asInt()).isEqualTo(2048);
  }

  @Test
  void aRunningInstanceFailsTheTaskWith520003AndAnUnknownDeploymentIs404() throws Exception {
    LocalVm pg0 = test.cloud.vm("pg-1", "postgres", 0).orElseThrow();
    LocalVm pg1 = test.cloud.vm("pg-1", "postgres", 1).orElseThrow();

    JsonNode task = client.run(client.send(put(pg1.diskCid(), "pg-1", pg0.instanceId(), null)));

    assertThat(task.get("state").asText()).isEqualTo("error");
    assertThat(client.output(task.get("id").asLong(), "event"))
        .contains("\"code\":520003")
        .contains("must be in 'bosh stopped' state");
    assertThat(test.cloud.vm("pg-1", "postgres", 0).orElseThrow().diskCid())
        .isEqualTo(pg0.diskCid());

    HttpResponse<String> missing = client.send(put(pg1.diskCid(), "pg-9", pg0.instanceId(), null));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(DirectorClient.JSON.readTree(missing.body()).get("code").asInt()).isEqualTo(70000);
  }

  private HttpRequest.Builder put(String cid, String deployment, String uuid, String contextId) {
    HttpRequest.Builder request =
        client
            .request(
                "/disks/%s/attachments?deployment=%s&job=postgres&instance_id=%s&disk_properties=copy"
                    .formatted(cid, deployment, uuid))
            .PUT(HttpRequest.BodyPublishers.noBody());
    return contextId == null ? request : request.header("X-Bosh-Context-Id", contextId);
  }

  private void stop(LocalVm vm) throws Exception {
    JsonNode task =
        client.run(
            client.putYaml("/deployments/pg-1/jobs/postgres/" + vm.index() + "?state=stopped", ""));
    assertThat(task.get("state").asText()).isEqualTo("done");
  }

  private List<String> orphans() throws Exception {
    return DirectorClient.JSON
        .readTree(client.get("/orphan_disks").body())
        .findValuesAsText("disk_cid");
  }
}
