package io.pgfleet.testenv.rollingupdate;

import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.BoshDirector;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.BoshTaskWaiter;
import io.pgfleet.activities.bosh.DeployOptions;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.activities.bosh.ManifestActivitiesImpl;
import io.pgfleet.activities.bosh.ManifestSettings;
import io.pgfleet.activities.postgres.PostgresSqlActivitiesImpl;
import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.cloud.LocalCloud;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.Dirs;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.testenv.e2e.AssembleClusterWorkflow;
import io.pgfleet.testenv.e2e.AssembleClusterWorkflow.Input;
import io.pgfleet.testenv.e2e.AssembleClusterWorkflow.Node;
import io.pgfleet.testenv.e2e.AssembleClusterWorkflowImpl;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.rollingupdate.RollingUpdateWorkflowImpl;
import io.pgfleet.workflows.switchover.SwitchoverWorkflowImpl;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Five VMs of the local cloud deployed from pgfleet's own manifest renderer and assembled into
 * postgres/0 primary, postgres/1 standby and three pgpools (with watchdog) by the test-only
 * assemble workflow. A worker in this JVM runs the rolling update, the switchover and the assemble
 * workflow with the real BOSH, manifest and SQL activities on {@link #queue}; each VM's node agent
 * runs the host activities as in production.
 */
final class RollingUpdateTestCluster implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  /** What the assemble workflow gives both nodes; the current plan says the same. */
  static final Map<String, String> ASSEMBLED_PARAMETERS = Map.of("max_connections", "50");

  final String deployment = "rolling-" + UUID.randomUUID().toString().substring(0, 8);
  final String password = UUID.randomUUID().toString();
  final String queue = SharedTemporal.uniqueName("rolling");
  final Path stateDir;
  final LocalCloud cloud;
  final ManifestActivitiesImpl manifests;
  private final BoshDirector bosh;
  private final WorkerFactory workers;

  RollingUpdateTestCluster() throws Exception {
    SharedTemporal temporal = SharedTemporal.get();
    // Not a JUnit @TempDir: those are mode 0700 and the unprivileged VM user must traverse it.
    stateDir = Files.createTempDirectory(Path.of("/var/tmp"), "pgfleet-ru-");
    cloud =
        LocalCloud.builder()
            .stateDir(stateDir)
            .port(0)
            .credentials("admin", password)
            .workflowClient(temporal.client())
            .temporal(temporal.server().address(), temporal.server().namespace())
            .stopGrace(Duration.ofSeconds(5))
            .start();
    bosh =
        new HttpBoshDirector(
            new BoshDirectorConfig(cloud.directorUrl().toString(), "admin", password, null, POLL));
    manifests =
        new ManifestActivitiesImpl(
            ManifestSettings.defaults(temporal.server().address(), temporal.server().namespace()));
    workers = WorkerFactory.newInstance(temporal.client());
    Worker worker = workers.newWorker(queue);
    worker.registerWorkflowImplementationTypes(
        AssembleClusterWorkflowImpl.class,
        SwitchoverWorkflowImpl.class,
        RollingUpdateWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new BoshActivitiesImpl(bosh, POLL), manifests, new PostgresSqlActivitiesImpl());
    workers.start();
  }

  /** Deploys the five VMs from the plan's manifest and assembles the cluster; its topology. */
  Topology provision(Plan plan) {
    String manifest =
        manifests.renderCluster(new ClusterManifestInput(deployment, deployment, plan));
    long task = bosh.deploy(manifest, deployment + "/deploy", DeployOptions.defaults());
    new BoshTaskWaiter(bosh, POLL).await(task, 0, (id, offset) -> {});
    AssembleClusterWorkflow assemble =
        SharedTemporal.get()
            .client()
            .newWorkflowStub(
                AssembleClusterWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(queue)
                    .setWorkflowId(SharedTemporal.uniqueName("assemble-" + deployment))
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                    .build());
    assemble.assemble(
        new Input(
            deployment,
            node("postgres", 0),
            node("postgres", 1),
            List.of(node("pgpool", 0), node("pgpool", 1), node("pgpool", 2)),
            new PostgresCredentials(password, ClusterSecrets.REPLICATION_USER, password)));
    return new Topology(
        deployment,
        List.of(
            clusterNode("postgres", 0, NodeRole.PRIMARY),
            clusterNode("postgres", 1, NodeRole.STANDBY),
            clusterNode("pgpool", 0, NodeRole.PGPOOL),
            clusterNode("pgpool", 1, NodeRole.PGPOOL),
            clusterNode("pgpool", 2, NodeRole.PGPOOL)));
  }

  /** The assemble workflow uses one password for superuser, replication and pcp. */
  ClusterSecrets secrets() {
    return new ClusterSecrets(password, password, password);
  }

  /** Every pgpool, tried in order by the driver, as an application would connect. */
  ProbeEndpoint throughPgpools() {
    String hosts =
        Stream.of(0, 1, 2)
            .map(i -> vm("pgpool", i).address() + ":" + NodeAgentConfig.DEFAULT_PGPOOL_PORT)
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    return new ProbeEndpoint("jdbc:postgresql://" + hosts + "/postgres", "postgres", password);
  }

  ProbeEndpoint direct(String group, int index) {
    return new ProbeEndpoint(
        "jdbc:postgresql://" + vm(group, index).address() + ":5432/postgres", "postgres", password);
  }

  LocalVm vm(String group, int index) {
    return cloud.vm(deployment, group, index).orElseThrow();
  }

  private Node node(String group, int index) {
    LocalVm vm = vm(group, index);
    return new Node(NodeAgentConfig.taskQueue(deployment, vm.instanceId()), vm.address());
  }

  private ClusterNode clusterNode(String group, int index, NodeRole role) {
    LocalVm vm = vm(group, index);
    return new ClusterNode(group, index, vm.instanceId(), vm.address(), role);
  }

  @Override
  public void close() throws Exception {
    workers.shutdownNow();
    for (LocalVm vm : cloud.vms(deployment)) {
      if (vm.vmCid() != null) {
        new VmProcesses().kill(vm.vmCid());
      }
    }
    cloud.close();
    Dirs.deleteTree(stateDir);
  }
}
