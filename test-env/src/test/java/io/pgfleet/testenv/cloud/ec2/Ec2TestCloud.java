package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.BoshTask;
import io.pgfleet.activities.bosh.DeployOptions;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.iaas.aws.Ec2Clients;
import io.pgfleet.iaas.aws.Ec2IaasActivities;
import io.pgfleet.iaas.aws.Ec2Settings;
import io.pgfleet.testenv.cloud.LocalCloud;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A local cloud with a deployment "pg" of two postgres VMs with disks (agents recorded, not run),
 * its EC2 API on a free port, and the real EC2 adapter and BOSH activities run as Temporal
 * activities against it.
 */
final class Ec2TestCloud implements AutoCloseable {

  static final String DEPLOYMENT = "pg";
  static final String ACCESS_KEY = "AKIDLOCALTEST";
  static final String BOSH_USER = "admin";

  /** Deploying two recorded VMs takes well under a second; a broken Director must not hang. */
  private static final Duration TASK_LIMIT = Duration.ofSeconds(30);

  static final Duration TASK_POLL = Duration.ofMillis(50);
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);
  private static final Duration ACTIVITY_TIMEOUT = Duration.ofSeconds(30);

  final Path stateDir;
  final String secretKey;
  final String boshPassword;
  final AgentRecorder agents;
  final LocalCloud cloud;
  final Ec2Client ec2;
  private final TestActivityEnvironment activities;
  final IaasActivities iaas;
  final BoshActivities bosh;

  private Ec2TestCloud(Path stateDir, String secretKey, String boshPassword, AgentRecorder agents)
      throws Exception {
    this.stateDir = stateDir;
    this.secretKey = secretKey;
    this.boshPassword = boshPassword;
    this.agents = agents;
    this.cloud =
        LocalCloud.builder()
            .stateDir(stateDir)
            .port(0)
            .credentials(BOSH_USER, boshPassword)
            .ec2Credentials(ACCESS_KEY, secretKey)
            .agentLauncher(agents)
            .stopGrace(STOP_GRACE)
            .start();
    this.ec2 = client(secretKey);
    this.activities = TestActivityEnvironment.newInstance();
    activities.registerActivitiesImplementations(
        new Ec2IaasActivities(ec2), new BoshActivitiesImpl(director(), TASK_POLL));
    ActivityOptions options =
        ActivityOptions.newBuilder().setStartToCloseTimeout(ACTIVITY_TIMEOUT).build();
    this.iaas = activities.newActivityStub(IaasActivities.class, options);
    this.bosh = activities.newActivityStub(BoshActivities.class, options);
  }

  /** A fresh cloud with the deployment in place. */
  static Ec2TestCloud deployed(Path stateDir) throws Exception {
    Ec2TestCloud test =
        new Ec2TestCloud(
            stateDir,
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            new AgentRecorder());
    test.deploy();
    return test;
  }

  /** The same cloud started again over the same state directory. */
  Ec2TestCloud restarted() throws Exception {
    return new Ec2TestCloud(stateDir, secretKey, boshPassword, new AgentRecorder());
  }

  /** An SDK client for the cloud's EC2 API signing with the given secret. */
  Ec2Client client(String secret) {
    return Ec2Clients.create(
        new Ec2Settings(cloud.ec2Endpoint(), cloud.ec2Region(), ACCESS_KEY, secret));
  }

  HttpBoshDirector director() {
    return new HttpBoshDirector(
        new BoshDirectorConfig(
            cloud.directorUrl().toString(), BOSH_USER, boshPassword, null, TASK_POLL));
  }

  LocalVm vm(int index) {
    return cloud.vm(DEPLOYMENT, "postgres", index).orElseThrow();
  }

  /** The node-agent configuration rendered on the VM: what the agent will run with. */
  NodeAgentConfig agentConfig(int index) throws IOException {
    return NodeAgentConfig.read(vm(index).agentConfigFile());
  }

  private void deploy() throws Exception {
    HttpBoshDirector director = director();
    long task = director.deploy(manifest(), null, DeployOptions.defaults());
    long deadline = System.nanoTime() + TASK_LIMIT.toNanos();
    BoshTask state = director.task(task);
    while (!state.isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(TASK_POLL.toMillis());
      state = director.task(task);
    }
    if (!state.isSucceeded()) {
      throw new IllegalStateException("deploy task " + task + " ended " + state);
    }
  }

  private static String manifest() {
    return """
        name: %s
        releases:
        - name: pgfleet
          version: latest
        stemcells:
        - alias: default
          os: ubuntu-jammy
          version: latest
        update:
          canaries: 1
          max_in_flight: 2
          canary_watch_time: 1000-30000
          update_watch_time: 1000-30000
        instance_groups:
        - name: postgres
          instances: 2
          azs: [z1]
          vm_type: small
          stemcell: default
          persistent_disk: 2048
          networks: [{name: default}]
          jobs:
          - name: node-agent
            release: pgfleet
            properties:
              pgfleet: {cluster_id: %s}
        """
        .formatted(DEPLOYMENT, DEPLOYMENT);
  }

  @Override
  public void close() {
    activities.close();
    ec2.close();
    cloud.close();
  }
}
