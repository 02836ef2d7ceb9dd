package io.pgfleet.testenv.backup;

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
import io.pgfleet.testenv.cloud.vm.Dirs;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.testenv.s3.S3ProxyServer;
import io.pgfleet.testenv.s3.S3ProxySettings;
import io.pgfleet.testenv.temporal.FreePorts;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.backup.BackupWorkflowImpl;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A local cloud with its EC2 API, an S3Proxy as the backup repository, and a control-plane worker
 * on its own task queue running the backup workflow over the production adapters: BOSH (HTTP), EC2
 * (AWS SDK against the local EC2 API) and the S3 catalog. One deployment of one postgres VM.
 */
final class BackupStack implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  private static final String BOSH_USER = "admin";
  private static final String EC2_KEY = "backup-it";
  private static final Duration POLL = Duration.ofMillis(200);

  final String clusterId = "bk-" + UUID.randomUUID().toString().substring(0, 8);
  final String deployment = ClusterNaming.deployment(clusterId);
  final String taskQueue = SharedTemporal.uniqueName("backup-control");
  final Path stateDir;
  final S3ProxyServer s3;
  final LocalCloud cloud;
  final ArchiveSettings archive;
  final Ec2IaasActivities iaas;
  final S3BackupCatalog catalog;
  private final String boshPassword = UUID.randomUUID().toString();
  private final Ec2Client ec2;
  private final WorkerFactory workers;

  BackupStack() throws Exception {
    // Not a JUnit @TempDir: those are mode 0700 and the unprivileged VM user must traverse it.
    stateDir = Files.createTempDirectory(Path.of("/var/tmp"), "pgfleet-backup-");
    Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
    s3 = S3ProxyServer.start(s3Settings(stateDir));
    String ec2Secret = UUID.randomUUID().toString();
    SharedTemporal temporal = SharedTemporal.get();
    cloud =
        LocalCloud.builder()
            .stateDir(stateDir.resolve("cloud"))
            .port(0)
            .credentials(BOSH_USER, boshPassword)
            .ec2Credentials(EC2_KEY, ec2Secret)
            .workflowClient(temporal.client())
            .temporal(temporal.server().address(), temporal.server().namespace())
            .stopGrace(Duration.ofSeconds(5))
            .start();
    archive = archiveSettings(s3).forCluster(clusterId);
    ec2 =
        Ec2Clients.create(
            new Ec2Settings(cloud.ec2Endpoint(), cloud.ec2Region(), EC2_KEY, ec2Secret));
    iaas = new Ec2IaasActivities(ec2);
    catalog = new S3BackupCatalog(archive);
    workers = WorkerFactory.newInstance(temporal.client());
    Worker control = workers.newWorker(taskQueue);
    control.registerWorkflowImplementationTypes(
        BackupWorkflowImpl.class, PreparePrimaryWorkflowImpl.class);
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

  /** The snapshot's copy of the disk in the local cloud's state. */
  Path snapshotDir(String snapshotId) {
    return cloud.stateDir().resolve("snapshots").resolve(snapshotId);
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
    Dirs.deleteTree(stateDir);
  }

  private HttpBoshDirector director() {
    return new HttpBoshDirector(
        new BoshDirectorConfig(
            cloud.directorUrl().toString(), BOSH_USER, boshPassword, null, POLL));
  }

  private static S3ProxySettings s3Settings(Path stateDir) {
    return new S3ProxySettings(
        Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")),
        stateDir.resolve("s3-data"),
        stateDir.resolve("s3-work"),
        HOST,
        FreePorts.pick(HOST),
        FreePorts.pick(HOST),
        "backup-it",
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
          persistent_disk: 4096
          networks: [{name: default}]
          jobs:
          - name: node-agent
            release: pgfleet
            properties:
              pgfleet: {cluster_id: %2$s}
        """
        .formatted(deployment, clusterId);
  }
}
