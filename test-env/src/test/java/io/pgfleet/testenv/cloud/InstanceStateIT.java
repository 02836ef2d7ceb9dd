package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PUT …/jobs/:job/:index?state= and DELETE /deployments/:d, down to directories and agents. */
class InstanceStateIT {

  @TempDir Path stateDir;
  private TestCloud test;
  private DirectorClient client;
  private LocalVm before;

  @BeforeEach
  void deploy() throws Exception {
    test = TestCloud.start(stateDir);
    client = test.client;
    client.deploy(TestManifests.cluster("pg", 2, 1));
    before = test.cloud.vm("pg", "postgres", 0).orElseThrow();
  }

  @AfterEach
  void stop() {
    test.close();
  }

  private JsonNode change(String instance, String state) throws Exception {
    JsonNode task =
        client.run(
            client.putYaml("/deployments/pg/jobs/postgres/" + instance + "?state=" + state, ""));
    assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("done");
    assertThat(task.get("description").asText()).isEqualTo("create deployment");
    return task;
  }

  private JsonNode postgres0() throws Exception {
    return DirectorClient.instance(client.instances("pg"), "postgres", 0);
  }

  @Test
  void stoppedKeepsTheVmAndStartedBringsTheAgentBack() throws Exception {
    change("0", "stopped");
    JsonNode stopped = postgres0();
    assertThat(stopped.get("job_state").asText()).isEqualTo("stopped");
    assertThat(stopped.get("state").asText()).isEqualTo("stopped");
    assertThat(stopped.get("vm_cid").asText()).isEqualTo(before.vmCid());
    assertThat(test.launcher.isRunning(before.instanceId())).isFalse();

    change(before.instanceId(), "started");
    JsonNode started = postgres0();
    assertThat(started.get("job_state").asText()).isEqualTo("running");
    assertThat(started.get("vm_cid").asText()).isEqualTo(before.vmCid());
    assertThat(test.launcher.isRunning(before.instanceId())).isTrue();
  }

  @Test
  void detachedDeletesTheVmButKeepsDiskAndAddress() throws Exception {
    change("0", "detached");
    JsonNode detached = postgres0();
    assertThat(detached.get("vm_cid").isNull()).isTrue();
    assertThat(detached.get("job_state").isNull()).isTrue();
    assertThat(detached.get("state").asText()).isEqualTo("detached");
    assertThat(detached.get("disk_cid").asText()).isEqualTo(before.diskCid());
    assertThat(before.vmDir()).doesNotExist();
    assertThat(before.storeDir()).isDirectory();
    List<JsonNode> vms =
        DirectorClient.JSON
            .readerForListOf(JsonNode.class)
            .readValue(client.get("/deployments/pg/vms").body());
    assertThat(vms).hasSize(2);

    change("0", "started");
    LocalVm after = test.cloud.vm("pg", "postgres", 0).orElseThrow();
    assertThat(after.vmCid()).isNotEqualTo(before.vmCid());
    assertThat(after.diskCid()).isEqualTo(before.diskCid());
    assertThat(after.address()).isEqualTo(before.address());
    assertThat(postgres0().get("job_state").asText()).isEqualTo("running");
  }

  @Test
  void recreateGivesANewVmWithTheSameDisk() throws Exception {
    change("0", "recreate");
    LocalVm after = test.cloud.vm("pg", "postgres", 0).orElseThrow();
    assertThat(after.vmCid()).isNotEqualTo(before.vmCid());
    assertThat(after.instanceId()).isEqualTo(before.instanceId());
    assertThat(after.diskCid()).isEqualTo(before.diskCid());
    assertThat(before.vmDir()).doesNotExist();
    assertThat(after.vmDir()).isDirectory();
    assertThat(postgres0().get("job_state").asText()).isEqualTo("running");
  }

  @Test
  void badIndexAndUnknownInstanceAreRejected() throws Exception {
    HttpResponse<String> badIndex =
        client.putYaml("/deployments/pg/jobs/postgres/zero?state=stopped", "");
    assertThat(badIndex.statusCode()).isEqualTo(400);
    assertThat(DirectorClient.JSON.readTree(badIndex.body()).get("code").asInt()).isEqualTo(70002);
    HttpResponse<String> unknown =
        client.putYaml("/deployments/pg/jobs/postgres/7?state=stopped", "");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(DirectorClient.JSON.readTree(unknown.body()).get("code").asInt()).isEqualTo(70001);
  }

  @Test
  void deleteRemovesVmsOrphansDisksAndForgetsTheDeployment() throws Exception {
    List<LocalVm> vms = test.cloud.vms("pg");
    JsonNode task = client.run(client.delete("/deployments/pg?force=true"));
    assertThat(task.get("state").asText()).isEqualTo("done");
    assertThat(task.get("description").asText()).isEqualTo("delete deployment pg");
    assertThat(task.get("result").asText()).isEqualTo("/deployments/pg");

    for (LocalVm vm : vms) {
      assertThat(vm.vmDir()).doesNotExist();
    }
    assertThat(stateDir.resolve("orphaned_disks").resolve(before.diskCid())).isDirectory();
    assertThat(before.storeDir()).doesNotExist();
    assertThat(test.launcher.running()).isEmpty();
    assertThat(client.get("/deployments/pg").statusCode()).isEqualTo(404);
    JsonNode orphans = DirectorClient.JSON.readTree(client.get("/orphan_disks").body());
    assertThat(orphans).extracting(d -> d.get("disk_cid").asText()).contains(before.diskCid());
    assertThat(orphans.get(0).get("deployment_name").asText()).isEqualTo("pg");
  }
}
