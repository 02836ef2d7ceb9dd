package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.workers.node.NodeAgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying creates VMs: addresses, disks, rendered agent configs, running agents. */
class DeploymentIT {

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
  void deployCreatesOneRunningVmPerInstanceOnItsOwnLoopbackAddress() throws Exception {
    assertThat(client.deploy(TestManifests.cluster("pg-1", 2, 3)).get("state").asText())
        .isEqualTo("done");

    List<JsonNode> instances = client.instances("pg-1");
    assertThat(instances).hasSize(5);
    Set<String> addresses =
        instances.stream().map(i -> i.get("ips").get(0).asText()).collect(Collectors.toSet());
    assertThat(addresses).hasSize(5).allMatch(a -> a.matches("127\\.0\\.([1-9]\\d*)\\.\\d+"));
    for (JsonNode instance : instances) {
      assertThat(instance.get("job_state").asText()).isEqualTo("running");
      assertThat(instance.get("state").asText()).isEqualTo("started");
      assertThat(instance.get("vm_cid").asText()).startsWith("vm-");
      assertThat(instance.get("agent_id").asText()).isNotEmpty();
      assertThat(instance.get("id").asText()).hasSize(36);
      assertThat(instance.get("active").asBoolean()).isTrue();
    }
    JsonNode postgres0 = DirectorClient.instance(instances, "postgres", 0);
    assertThat(postgres0.get("disk_cid").asText()).startsWith("disk-");
    assertThat(postgres0.get("disk_cids").get(0).asText())
        .isEqualTo(postgres0.get("disk_cid").asText());
    assertThat(postgres0.get("bootstrap").asBoolean()).isTrue();
    assertThat(postgres0.get("az").asText()).isEqualTo("z1");
    assertThat(DirectorClient.instance(instances, "postgres", 1).get("az").asText())
        .isEqualTo("z2");
    assertThat(DirectorClient.instance(instances, "pgpool", 2).get("disk_cid").isNull()).isTrue();

    LocalVm vm = test.cloud.vm("pg-1", "postgres", 0).orElseThrow();
    assertThat(vm.vmDir()).isDirectory();
    assertThat(vm.storeDir()).isEqualTo(stateDir.resolve("disks").resolve(vm.diskCid()));
    assertThat(vm.storeDir()).isDirectory();
    assertThat(test.launcher.running()).hasSize(5);
  }

  @Test
  void agentConfigIsRenderedWithJobPropertiesAndLinksToEveryInstance() throws Exception {
    client.deploy(TestManifests.cluster("pg-2", 2, 1));
    LocalVm vm = test.cloud.vm("pg-2", "postgres", 1).orElseThrow();

    NodeAgentConfig config = NodeAgentConfig.read(vm.agentConfigFile());
    assertThat(config.deployment()).isEqualTo("pg-2");
    assertThat(config.instanceGroup()).isEqualTo("postgres");
    assertThat(config.index()).isEqualTo(1);
    assertThat(config.instanceId()).isEqualTo(vm.instanceId());
    assertThat(config.vmId()).isEqualTo(vm.vmCid());
    assertThat(config.address()).isEqualTo(vm.address());
    assertThat(config.storeDir()).isEqualTo(vm.storeDir());
    assertThat(config.dataDir()).isEqualTo(vm.vmDir());
    assertThat(config.temporal())
        .isEqualTo(new NodeAgentConfig.Temporal("127.0.0.1:7233", "default"));
    assertThat(config.taskQueue()).isEqualTo("node/pg-2/" + vm.instanceId());
    assertThat(config.properties())
        .containsEntry("cluster_id", "pg-2")
        .containsEntry("role_hint", "postgres");
    assertThat(config.links().get("postgres"))
        .extracting(NodeAgentConfig.LinkedInstance::address)
        .containsExactly(
            test.cloud.vm("pg-2", "postgres", 0).orElseThrow().address(), vm.address());
    assertThat(config.links().get("pgpool")).hasSize(1);
    assertThat(test.launcher.started()).contains(config);
  }

  @Test
  void redeployKeepsInstancesAndScaleDownDeletesTheExtraOnes() throws Exception {
    client.deploy(TestManifests.cluster("pg-3", 2, 3));
    LocalVm kept = test.cloud.vm("pg-3", "pgpool", 0).orElseThrow();
    LocalVm dropped = test.cloud.vm("pg-3", "postgres", 1).orElseThrow();

    JsonNode task = client.deploy(TestManifests.cluster("pg-3", 1, 1));
    assertThat(task.get("state").asText()).isEqualTo("done");

    assertThat(test.cloud.vms("pg-3")).hasSize(2);
    assertThat(test.cloud.vm("pg-3", "pgpool", 0).orElseThrow()).isEqualTo(kept);
    assertThat(test.cloud.vm("pg-3", "postgres", 1)).isEmpty();
    assertThat(dropped.vmDir()).doesNotExist();
    assertThat(stateDir.resolve("orphaned_disks").resolve(dropped.diskCid())).isDirectory();
    assertThat(test.launcher.isRunning(dropped.instanceId())).isFalse();
    assertThat(client.output(task.get("id").asLong(), "event"))
        .contains("Deleting unneeded instances");
  }

  @Test
  void semanticallyBadManifestFailsTheTaskAndCreatesNothing() throws Exception {
    String noInstances =
        TestManifests.cluster("pg-bad", 1, 1)
            .replace("  instances: 1\n  azs: [z1]\n", "  azs: [z1]\n");
    String unknownJob =
        TestManifests.cluster("pg-bad", 1, 1)
            .replace(
                "- name: node-agent\n    release: pgfleet\n    properties:\n      cluster_id: pg-bad\n      role_hint: pgpool",
                "- name: etcd\n    release: pgfleet");
    assertThat(unknownJob).contains("etcd");

    JsonNode missing = client.deploy(noInstances);
    assertThat(missing.get("state").asText()).isEqualTo("error");
    assertThat(missing.get("result").asText()).contains("Required property 'instances'");
    JsonNode unknown = client.deploy(unknownJob);
    assertThat(unknown.get("state").asText()).isEqualTo("error");
    assertThat(unknown.get("result").asText()).isEqualTo("Can't find job 'etcd'");

    List<JsonNode> events =
        DirectorClient.ndjson(client.output(unknown.get("id").asLong(), "event"));
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.at("/error/code").asInt()).isEqualTo(190011);
    assertThat(last.at("/error/message").asText()).isEqualTo("Can't find job 'etcd'");
    assertThat(events.get(events.size() - 2).get("state").asText()).isEqualTo("failed");

    assertThat(client.get("/deployments/pg-bad").statusCode()).isEqualTo(404);
    assertThat(Files.list(stateDir.resolve("vms"))).isEmpty();
    assertThat(Files.list(stateDir.resolve("disks"))).isEmpty();
    assertThat(test.launcher.started()).isEmpty();
  }

  @Test
  void aSecondChangeOnABusyDeploymentFailsWithBoshLockText() throws Exception {
    client.deploy(TestManifests.cluster("pg-4", 1, 1));
    test.launcher.holdStarts();
    long busy =
        DirectorClient.taskId(
            client.putYaml("/deployments/pg-4/jobs/postgres/0?state=restart", ""));
    test.launcher.awaitHeldStart();

    JsonNode locks = DirectorClient.JSON.readTree(client.get("/locks").body());
    assertThat(locks).hasSize(1);
    assertThat(locks.get(0).get("resource").get(0).asText()).isEqualTo("pg-4");
    assertThat(locks.get(0).get("task_id").asText()).isEqualTo(Long.toString(busy));

    JsonNode second = client.deploy(TestManifests.cluster("pg-4", 1, 2));
    test.launcher.release();
    assertThat(second.get("state").asText()).isEqualTo("error");
    String text = client.output(second.get("id").asLong(), "event");
    assertThat(text)
        .containsPattern(
            "Failed to acquire lock for lock:deployment:pg-4 uid: [0-9a-f-]{36}\\. Locking task id is "
                + busy
                + ", description: 'create deployment', deployment: 'pg-4'");
    assertThat(second.get("result").asText())
        .startsWith("Failed to acquire lock for lock:deployment:pg-4");
    assertThat(client.awaitTask(busy).get("state").asText()).isEqualTo("done");
    assertThat(DirectorClient.JSON.readTree(client.get("/locks").body())).isEmpty();
  }

  @Test
  void aCancelledTaskStopsAtItsNextCheckpoint() throws Exception {
    test.launcher.holdStarts();
    long id =
        DirectorClient.taskId(
            client.postYaml("/deployments", TestManifests.cluster("pg-5", 2, 0), null));
    test.launcher.awaitHeldStart();
    assertThat(client.delete("/task/" + id).statusCode()).isEqualTo(204);
    assertThat(client.task(id).get("state").asText()).isEqualTo("cancelling");
    test.launcher.release();

    JsonNode task = client.awaitTask(id);
    assertThat(task.get("state").asText()).isEqualTo("cancelled");
    assertThat(task.get("result").asText()).isEqualTo("task cancelled");
    assertThat(client.output(id, "event"))
        .contains("{\"code\":10001,\"message\":\"Task " + id + " cancelled\"}");
    assertThat(test.launcher.started()).hasSize(1);
  }
}
