package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power off kills every process that carries the VM's PGFLEET_VM_ID, and its agent. */
class PowerOffIT {

  private static final long EXIT_WAIT_SECONDS = 10;

  @TempDir Path stateDir;
  private TestCloud test;
  private Process vmProcess;
  private Process otherVmProcess;

  @BeforeEach
  void deploy() throws Exception {
    test = TestCloud.start(stateDir);
    test.client.deploy(TestManifests.cluster("pg", 2, 0));
  }

  @AfterEach
  void cleanUp() {
    for (Process p : new Process[] {vmProcess, otherVmProcess}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    test.close();
  }

  @Test
  void powerOffKillsTheVmsProcessesOnlyAndItReportsFailing() throws Exception {
    LocalVm vm = test.cloud.vm("pg", "postgres", 0).orElseThrow();
    LocalVm other = test.cloud.vm("pg", "postgres", 1).orElseThrow();
    vmProcess = sleepOn(vm);
    otherVmProcess = sleepOn(other);
    Files.writeString(vm.vmDir().resolve("sys/run/postgres.pid"), vmProcess.pid() + "\n");
    assertThat(test.cloud.jobState("pg", "postgres", 0)).isEqualTo("running");

    test.cloud.powerOff("pg", "postgres", 0);

    assertThat(vmProcess.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(otherVmProcess.isAlive()).isTrue();
    assertThat(test.launcher.isRunning(vm.instanceId())).isFalse();
    assertThat(test.cloud.jobState("pg", "postgres", 0)).isEqualTo("failing");
    assertThat(test.cloud.jobState("pg", "postgres", 1)).isEqualTo("running");

    test.client.run(test.client.putYaml("/deployments/pg/jobs/postgres/0?state=started", ""));
    assertThat(test.launcher.isRunning(vm.instanceId())).isTrue();
    assertThat(test.cloud.jobState("pg", "postgres", 0))
        .as("pid file names a dead process")
        .isEqualTo("failing");
    Files.delete(vm.vmDir().resolve("sys/run/postgres.pid"));
    assertThat(test.cloud.jobState("pg", "postgres", 0)).isEqualTo("running");
  }

  private static Process sleepOn(LocalVm vm) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sleep", "60");
    builder.environment().put("PGFLEET_VM_ID", vm.vmCid());
    return builder.start();
  }
}
