package io.pgfleet.testenv.restore;

import io.pgfleet.activities.backup.ConfiguredArchiveRepository;
import io.pgfleet.activities.backup.S3BackupCatalog;
import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.BoshOrphanDisk;
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
import io.pgfleet.workflows.restore.RestoreWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * A local cloud with its EC2 API, an S3Proxy as the backup repository, and a control-plane worker
 * on its own task queue running the backup and restore workflows over the production adapters: BOSH
 * (HTTP), EC2 (AWS SDK against the local EC2 API), the S3 catalog and the configured repository.
 * One deployment of two postgres VMs (primary and standby; no pgpool), and another for a restore
 * into a new cluster.
 */
final class RestoreStack implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  private static final String BOSH_USER = "admin";
  private static final String EC2_KEY = "restore-it";
  private static final Duration POLL = Duration.ofMillis(200);

  final String clusterId = "rs-" + UUID.randomUUID().toString().substring(0, 8);
  final String deployment = ClusterNaming.deployment(clusterId);
  final String taskQueue = SharedTemporal.uniqueName("restore-control");
  final Path stateDir;
  final S3ProxyServer s3;
  final LocalCloud cloud;
  final ArchiveSettings archive;
  private final ArchiveSettings repository;

  /** Every deployment made, so close() kills all their VM processes. */
  private final List<String> deployments = new ArrayList<>();

  final S3BackupCatalog catalog;
  private final String boshPassword = UUID.randomUUID().toString();
  private final Ec2Client ec2;
  private final WorkerFactory workers;

  RestoreStack() throws Exception {
    // Not a JUnit @TempDir: those are mode 0700 and the unprivileged VM user must traverse it.
    stateDir = Files.createTempDirectory(Path.of("/var/tmp"), "pgfleet-restore-");
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
    repository = repositorySettings(s3);
    archive = repository.forCluster(clusterId);
    ec2 =
        Ec2Clients.create(
            new Ec2Settings(cloud.ec2Endpoint(), cloud.ec2Region(), EC2_KEY, ec2Secret));
    catalog = new S3BackupCatalog(archive);
    workers = WorkerFactory.newInstance(temporal.client());
    Worker control = workers.newWorker(taskQueue);
    control.registerWorkflowImplementationTypes(
        BackupWorkflowImpl.class, RestoreWorkflowImpl.class, SetupClusterWorkflowImpl.class);
    control.registerActivitiesImplementations(
        new BoshActivitiesImpl(director(), POLL),
        new Ec2IaasActivities(ec2),
        catalog,
        new ConfiguredArchiveRepository(repository));
    workers.start();
  }

  /** Deploys the stack's cluster: two postgres VMs with persistent disks. */
  List<LocalVm> deployPostgres() {
    return deployPostgres(clusterId);
  }

  /** Deploys two postgres VMs of another cluster (a restore target) and waits for the task. */
  List<LocalVm> deployPostgres(String cluster) {
    String name = ClusterNaming.deployment(cluster);
    deployments.add(name);
    HttpBoshDirector bosh = director();
    long task = bosh.deploy(manifest(name, cluster), name + "/deploy", DeployOptions.defaults());
    new BoshTaskWaiter(bosh, POLL).await(task, 0, (id, offset) -> {});
    return List.of(vm(name, 0), vm(name, 1));
  }

  LocalVm vm(int index) {
    return vm(deployment, index);
  }

  LocalVm vm(String deploymentName, int index) {
    return cloud.vm(deploymentName, "postgres", index).orElseThrow();
  }

  /** The cluster's orphaned disks as the Director lists them. */
  List<String> orphanedDisks() {
    return director().orphanedDisks().stream()
        .filter(d -> deployment.equals(d.deploymentName()))
        .map(BoshOrphanDisk::diskCid)
        .sorted()
        .toList();
  }

  /** Every volume the local EC2 API knows: BOSH disks, orphans and volumes a restore made. */
  List<String> volumes() {
    return ec2.describeVolumes(b -> {}).volumes().stream().map(Volume::volumeId).sorted().toList();
  }

  /** Another cluster's archive settings in the stack's repository. */
  ArchiveSettings archiveOf(String cluster) {
    return repository.forCluster(cluster);
  }

  @Override
  public void close() throws Exception {
    workers.shutdownNow();
    catalog.close();
    ec2.close();
    for (String name : deployments) {
      for (LocalVm vm : cloud.vms(name)) {
        if (vm.vmCid() != null) {
          new VmProcesses().kill(vm.vmCid());
        }
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
        "restore-it",
        UUID.randomUUID().toString(),
        S3ProxySettings.DEFAULT_BUCKET);
  }

  /** The repository without a cluster's stanza and path, as the worker's configuration has it. */
  private static ArchiveSettings repositorySettings(S3ProxyServer s3) throws Exception {
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

  private static String manifest(String deployment, String clusterId) {
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
          instances: 2
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
