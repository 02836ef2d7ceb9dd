package io.pgfleet.testenv.bench.backup;

import io.pgfleet.activities.backup.S3BackupCatalog;
import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.BoshTaskWaiter;
import io.pgfleet.activities.bosh.DeployOptions;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.iaas.aws.Ec2Clients;
import io.pgfleet.iaas.aws.Ec2IaasActivities;
import io.pgfleet.iaas.aws.Ec2Settings;
import io.pgfleet.testenv.cloud.LocalCloud;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.testenv.s3.S3ProxyServer;
import io.pgfleet.testenv.s3.S3ProxySettings;
import io.pgfleet.testenv.temporal.FreePorts;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.backup.BackupWorkflowImpl;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The benchmark's own small cloud, on free loopback ports so it never meets {@code ./pgfleet up}:
 * Temporal dev server, S3Proxy as the backup repository, the local cloud (BOSH Director, EC2 API,
 * VMs as processes) and a control-plane worker running the production workflows over the production
 * adapters (BOSH over HTTP, EC2 through the AWS SDK, the S3 catalog). One deployment of one
 * postgres VM.
 */
final class BenchStack implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  private static final String BOSH_USER = "admin";
  private static final String EC2_KEY = "bench-backup";

  /** BOSH task polls: short, the bench times whole operations. */
  private static final Duration POLL = Duration.ofMillis(200);

  /** Agents get this long to stop PostgreSQL (a checkpoint of a 1 GB database) at the end. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /** The small plan's persistent disk (the local cloud does not enforce it). */
  private static final int DISK_MB = 10240;

  final String clusterId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  final String deployment = ClusterNaming.deployment(clusterId);
  final String taskQueue = SharedTemporal.uniqueName("bench-backup-control");
  final S3ProxyServer s3;
  final LocalCloud cloud;
  final ArchiveSettings archive;
  final Ec2IaasActivities iaas;
  final S3BackupCatalog catalog;
  private final String boshPassword = UUID.randomUUID().toString();
  private final Ec2Client ec2;
  private final WorkerFactory workers;

  BenchStack(Path workDir, Path s3proxyJar, Class<?>... workflowTypes) throws Exception {
    s3 = S3ProxyServer.start(s3Settings(workDir, s3proxyJar));
    String ec2Secret = UUID.randomUUID().toString();
    SharedTemporal temporal = SharedTemporal.get();
    cloud =
        LocalCloud.builder()
            .stateDir(workDir.resolve("cloud"))
            .port(0)
            .credentials(BOSH_USER, boshPassword)
            .ec2Credentials(EC2_KEY, ec2Secret)
            .workflowClient(temporal.client())
            .temporal(temporal.server().address(), temporal.server().namespace())
            .stopGrace(STOP_GRACE)
            .start();
    archive = archiveSettings(s3).forCluster(clusterId);
    ec2 =
        Ec2Clients.create(
            new Ec2Settings(cloud.ec2Endpoint(), cloud.ec2Region(), EC2_KEY, ec2Secret));
    iaas = new Ec2IaasActivities(ec2);
    catalog = new S3BackupCatalog(archive);
    workers = WorkerFactory.newInstance(temporal.client());
    Worker control = workers.newWorker(taskQueue);
    control.registerWorkflowImplementationTypes(BackupWorkflowImpl.class);
    control.registerWorkflowImplementationTypes(BenchPrimaryWorkflowImpl.class);
    for (Class<?> type : workflowTypes) {
      control.registerWorkflowImplementationTypes(type);
    }
    control.registerActivitiesImplementations(
        new BoshActivitiesImpl(director(), POLL), iaas, catalog);
    workers.start();
  }

  /** Deploys one postgres VM with a persistent disk and waits for the task. */
  LocalVm deployPrimary() {
    HttpBoshDirector bosh = director();
    long task = bosh.deploy(manifest(), deployment + "/deploy", DeployOptions.defaults());
    new BoshTaskWaiter(bosh, POLL).await(task, 0, (id, offset) -> {});
    return cloud.vm(deployment, "postgres", 0).orElseThrow();
  }

  /** A stub of a workflow on the control task queue, with an id no other run shares. */
  <T> T workflow(Class<T> type, String name, Duration timeout) {
    return SharedTemporal.get()
        .client()
        .newWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(SharedTemporal.uniqueName(name + "-" + clusterId))
                .setWorkflowExecutionTimeout(timeout)
                .build());
  }

  @Override
  public void close() throws Exception {
    workers.shutdownNow();
    catalog.close();
    ec2.close();
    for (LocalVm vm : cloud.vms(deployment)) {
      if (vm.vmCid() != null) {
        new VmProcesses().kill(vm.vmCid());
      }
    }
    cloud.close();
    s3.close();
  }

  private HttpBoshDirector director() {
    return new HttpBoshDirector(
        new BoshDirectorConfig(
            cloud.directorUrl().toString(), BOSH_USER, boshPassword, null, POLL));
  }

  private static S3ProxySettings s3Settings(Path workDir, Path jar) {
    return new S3ProxySettings(
        jar,
        workDir.resolve("s3-data"),
        workDir.resolve("s3-work"),
        HOST,
        FreePorts.pick(HOST),
        FreePorts.pick(HOST),
        "bench-backup",
        UUID.randomUUID().toString(),
        S3ProxySettings.DEFAULT_BUCKET);
  }

  private static ArchiveSettings archiveSettings(S3ProxyServer s3) throws Exception {
    S3ProxySettings s = s3.settings();
    return new ArchiveSettings(
        null,
        s.host(),
        s.httpsPort(),
        s.bucket(),
        "us-east-1",
        s.accessKey(),
        s.secretKey(),
        null,
        true,
        Files.readString(s3.certFile()),
        ArchiveSettings.UriStyle.PATH);
  }

  private String manifest() {
    return """
        name: %1$s
        releases:
        - name: pgfleet
          version: latest
        stemcells:
        - alias: default
          os: ubuntu-jammy
          version: latest
        update:
          canaries: 1
          max_in_flight: 1
          canary_watch_time: 1000-60000
          update_watch_time: 1000-60000
        instance_groups:
        - name: postgres
          instances: 1
          azs: [z1]
          vm_type: small
          stemcell: default
          persistent_disk: %3$d
          networks: [{name: default}]
          jobs:
          - name: node-agent
            release: pgfleet
            properties:
              pgfleet: {cluster_id: %2$s}
        """
        .formatted(deployment, clusterId, DISK_MB);
  }
}
