package io.pgfleet.testenv.switchover;

import io.pgfleet.activities.bosh.BoshDirector;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.BoshTaskWaiter;
import io.pgfleet.activities.bosh.DeployOptions;
import io.pgfleet.activities.bosh.HttpBoshDirector;
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
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.switchover.SwitchoverWorkflowImpl;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Five VMs of the local cloud (BOSH Director double, real PostgreSQL 15 and pgpool-II, a node agent
 * each) assembled into postgres/0 primary, postgres/1 streaming standby and three pgpools by the
 * test-only assemble workflow, with no cluster workflow watching: only the switchover acts on it. A
 * worker in this JVM runs the switchover and assemble workflows on {@link #queue}.
 */
final class SwitchoverTestCluster implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  final String deployment = "switchover-" + UUID.randomUUID().toString().substring(0, 8);
  final String password = UUID.randomUUID().toString();
  final String queue = SharedTemporal.uniqueName("switchover");
  final Path stateDir;
  final LocalCloud cloud;
  private final BoshDirector bosh;
  private final WorkerFactory workers;

  SwitchoverTestCluster() throws Exception {
    SharedTemporal temporal = SharedTemporal.get();
    // Not a JUnit @TempDir: those are mode 0700 and the unprivileged VM user must traverse it.
    stateDir = Files.createTempDirectory(Path.of("/var/tmp"), "pgfleet-sw-");
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
    workers = WorkerFactory.newInstance(temporal.client());
    workers
        .newWorker(queue)
        .registerWorkflowImplementationTypes(
            AssembleClusterWorkflowImpl.class, SwitchoverWorkflowImpl.class);
    workers.start();
  }

  /** Deploys the five VMs and assembles the cluster; returns its topology. */
  Topology provision() {
    long task = bosh.deploy(manifest(), deployment + "/deploy", DeployOptions.defaults());
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

  ProbeEndpoint pgpool(int index) {
    return new ProbeEndpoint(
        "jdbc:postgresql://"
            + vm("pgpool", index).address()
            + ":"
            + NodeAgentConfig.DEFAULT_PGPOOL_PORT
            + "/postgres",
        "postgres",
        password);
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

  /** postgres ×2 with persistent disks, pgpool ×3, each VM running the node agent. */
  private String manifest() {
    return """
        name: %1$s
        releases:
        - {name: pgfleet, version: latest}
        stemcells:
        - {alias: default, os: ubuntu-jammy, version: latest}
        update: {canaries: 1, max_in_flight: 5, canary_watch_time: 1000-60000, \
        update_watch_time: 1000-60000}
        instance_groups:
        - name: postgres
          instances: 2
          azs: [z1]
          vm_type: small
          stemcell: default
          persistent_disk: 4096
          networks: [{name: default}]
          jobs:
          - {name: node-agent, release: pgfleet, properties: {pgfleet: {cluster_id: %1$s}}}
        - name: pgpool
          instances: 3
          azs: [z1]
          vm_type: small
          stemcell: default
          networks: [{name: default}]
          jobs:
          - {name: node-agent, release: pgfleet, properties: {pgfleet: {cluster_id: %1$s}}}
        """
        .formatted(deployment);
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
