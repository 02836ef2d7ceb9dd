package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.bosh.BoshInstanceDetail;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.PowerOffRequest;
import io.pgfleet.workflows.iaas.PowerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Instance;

/** STONITH through the EC2 adapter: StopInstances Force kills the VM's processes, and only its. */
class Ec2PowerIT {

  private static final long EXIT_WAIT_SECONDS = 10;

  @TempDir Path stateDir;
  private Ec2TestCloud test;
  private Process primary;
  private Process standby;

  @BeforeEach
  void deploy() throws Exception {
    test = Ec2TestCloud.deployed(stateDir);
  }

  @AfterEach
  void cleanUp() {
    for (Process p : new Process[] {primary, standby}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    test.close();
  }

  @Test
  void powerOffKillsTheVmsProcessesReportsStoppedAndIsIdempotent() throws Exception {
    LocalVm vm = test.vm(0);
    LocalVm other = test.vm(1);
    primary = processOn(vm);
    standby = processOn(other);
    Files.writeString(vm.vmDir().resolve("sys/run/postgres.pid"), primary.pid() + "\n");
    assertThat(test.iaas.powerState(vm.vmCid()).state()).isEqualTo("running");

    PowerState off = test.iaas.powerOff(new PowerOffRequest(vm.vmCid(), "fencing postgres/0"));

    assertThat(off.state()).isEqualTo("stopped");
    assertThat(off.poweredOff()).isTrue();
    assertThat(primary.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(new VmProcesses().pids(vm.vmCid())).isEmpty();
    assertThat(standby.isAlive()).isTrue();
    assertThat(test.agents.isRunning(vm.instanceId())).isFalse();
    assertThat(test.iaas.powerState(vm.vmCid()).state()).isEqualTo("stopped");
    assertThat(test.iaas.powerState(other.vmCid()).state()).isEqualTo("running");
    assertThat(jobState(0)).isEqualTo("failing");

    PowerState again = test.iaas.powerOff(new PowerOffRequest(vm.vmCid(), "second fence"));
    assertThat(again.state()).isEqualTo("stopped");
    assertThat(instance(vm.vmCid()).tags())
        .anySatisfy(t -> assertThat(t.key()).isEqualTo("pgfleet:powered-off"));
  }

  @Test
  void aPoweredOffVmStaysOffAcrossARestartUntilStartInstances() throws Exception {
    LocalVm vm = test.vm(0);
    test.iaas.powerOff(new PowerOffRequest(vm.vmCid(), "fencing"));
    test.close();

    test = test.restarted();

    assertThat(test.agents.isRunning(vm.instanceId())).as("fenced agent not resumed").isFalse();
    assertThat(test.agents.isRunning(test.vm(1).instanceId())).isTrue();
    assertThat(test.iaas.powerState(vm.vmCid()).state()).isEqualTo("stopped");

    test.ec2.startInstances(b -> b.instanceIds(vm.vmCid()));

    assertThat(test.iaas.powerState(vm.vmCid()).state()).isEqualTo("running");
    assertThat(test.agents.isRunning(vm.instanceId())).isTrue();
    assertThat(jobState(0)).isEqualTo("running");
  }

  @Test
  void anUnknownVmIsNotFound() {
    var failure = Failures.activityFailure(() -> test.iaas.powerState("vm-0123456789abcdef0"));
    assertThat(failure.getType()).isEqualTo(FailureType.IAAS_NOT_FOUND.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("InvalidInstanceID.NotFound");

    var error =
        Failures.ec2Error(
            () -> test.ec2.stopInstances(b -> b.instanceIds("vm-0123456789abcdef0").force(true)));
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
    assertThat(error.statusCode()).isEqualTo(400);
  }

  private Instance instance(String vmCid) {
    return test.ec2
        .describeInstances(b -> b.instanceIds(vmCid))
        .reservations()
        .get(0)
        .instances()
        .get(0);
  }

  private String jobState(int index) {
    List<BoshInstanceDetail> instances = test.director().instances(Ec2TestCloud.DEPLOYMENT);
    return instances.stream().filter(i -> i.index() == index).findFirst().orElseThrow().jobState();
  }

  private static Process processOn(LocalVm vm) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sleep", "60");
    builder.environment().put(VmProcesses.VM_ID_ENV, vm.vmCid());
    return builder.start();
  }
}
