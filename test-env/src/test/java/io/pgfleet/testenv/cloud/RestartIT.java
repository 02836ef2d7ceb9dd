package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything survives a restart of the local cloud; dead processes show as failing. */
class RestartIT {

  private static final long EXIT_WAIT_SECONDS = 10;

  @TempDir Path stateDir;

  @Test
  void restartKeepsDeploymentsRestartsAgentsAndReportsDeadProcessesFailing() throws Exception {
    String password = UUID.randomUUID().toString();
    LocalVm dead;
    LocalVm alive;
    try (TestCloud first = TestCloud.start(stateDir, new RecordingLauncher(), password)) {
      first.client.deploy(TestManifests.cluster("pg", 2, 1));
      dead = first.cloud.vm("pg", "postgres", 0).orElseThrow();
      alive = first.cloud.vm("pg", "postgres", 1).orElseThrow();
    }
    Files.writeString(runDir(dead).resolve("postgres.pid"), exitedPid() + "\n");
    Files.writeString(runDir(alive).resolve("postgres.pid"), ProcessHandle.current().pid() + "\n");

    RecordingLauncher launcher = new RecordingLauncher();
    try (TestCloud second = TestCloud.start(stateDir, launcher, password)) {
      assertThat(launcher.running()).hasSize(3);
      List<JsonNode> instances = second.client.instances("pg");
      JsonNode failing = DirectorClient.instance(instances, "postgres", 0);
      assertThat(failing.get("vm_cid").asText()).isEqualTo(dead.vmCid());
      assertThat(failing.get("job_state").asText()).isEqualTo("failing");
      assertThat(failing.get("processes").toString())
          .contains("{\"name\":\"postgres\",\"state\":\"failing\"}");
      assertThat(DirectorClient.instance(instances, "postgres", 1).get("job_state").asText())
          .isEqualTo("running");
      assertThat(second.client.get("/deployments/pg").body()).contains("cluster_id: pg");
      assertThat(second.cloud.vm("pg", "postgres", 0).orElseThrow().address())
          .isEqualTo(dead.address());
    }
  }

  @Test
  void aTaskRunningWhenTheDirectorStopsEndsInErrorAfterTheRestart() throws Exception {
    String password = UUID.randomUUID().toString();
    RecordingLauncher stuck = new RecordingLauncher();
    long taskId;
    try (TestCloud first = TestCloud.start(stateDir, stuck, password)) {
      stuck.holdStarts();
      taskId =
          DirectorClient.taskId(
              first.client.postYaml("/deployments", TestManifests.cluster("pg", 1, 0), null));
      stuck.awaitHeldStart();
      assertThat(first.client.task(taskId).get("state").asText()).isEqualTo("processing");
    } finally {
      stuck.release();
    }
    try (TestCloud second = TestCloud.start(stateDir, new RecordingLauncher(), password)) {
      JsonNode task = second.client.task(taskId);
      assertThat(task.get("state").asText()).isEqualTo("error");
      assertThat(task.get("result").asText()).isEqualTo("director restarted");
      assertThat(second.client.output(taskId, "event"))
          .contains("\"message\":\"director restarted\"");
      JsonNode next = second.client.deploy(TestManifests.cluster("pg", 1, 0));
      assertThat(next.get("id").asLong()).isGreaterThan(taskId);
      assertThat(next.get("state").asText()).isEqualTo("done");
    }
  }

  private static Path runDir(LocalVm vm) {
    return vm.vmDir().resolve("sys").resolve("run");
  }

  private static long exitedPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    return process.pid();
  }
}
