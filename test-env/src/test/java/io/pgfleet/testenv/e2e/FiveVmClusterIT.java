package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.bosh.BoshDirector;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.BoshTaskWaiter;
import io.pgfleet.activities.bosh.DeployOptions;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.testenv.cloud.LocalCloud;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.Dirs;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.testenv.e2e.AssembleClusterWorkflow.Assembled;
import io.pgfleet.testenv.e2e.AssembleClusterWorkflow.Input;
import io.pgfleet.testenv.e2e.AssembleClusterWorkflow.Node;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.PostgresRole;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation end to end: a 5-instance manifest deployed to the local cloud through the
 * production BOSH client, turned into a primary, a streaming standby and three pgpool nodes by the
 * node agents on the VMs (real PostgreSQL 15 and pgpool-II), then deleted without a trace.
 */
class FiveVmClusterIT {

  private static final Duration POLL = Duration.ofMillis(200);

  /** Replay on a local standby takes milliseconds; this only bounds a broken run. */
  private static final Duration REPLICATION_BOUND = Duration.ofSeconds(20);

  private static final String DEPLOYMENT =
      "five-vm-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String PASSWORD = UUID.randomUUID().toString();

  private static Path stateDir;
  private static LocalCloud cloud;
  private static WorkerFactory workflowWorkers;
  private static BoshDirector bosh;

  @BeforeAll
  static void startCloud() throws Exception {
    SharedTemporal temporal = SharedTemporal.get();
    // Not a JUnit @TempDir: those are mode 0700 and the unprivileged VM user must traverse it.
    stateDir = Files.createTempDirectory(Path.of("/var/tmp"), "pgfleet-e2e-");
    cloud =
        LocalCloud.builder()
            .stateDir(stateDir)
            .port(0)
            .credentials("admin", PASSWORD)
            .workflowClient(temporal.client())
            .temporal(temporal.server().address(), temporal.server().namespace())
            .stopGrace(Duration.ofSeconds(5))
            .start();
    bosh =
        new HttpBoshDirector(
            new BoshDirectorConfig(cloud.directorUrl().toString(), "admin", PASSWORD, null, POLL));
  }

  @AfterAll
  static void stopCloud() throws Exception {
    if (workflowWorkers != null) {
      workflowWorkers.shutdownNow();
    }
    if (cloud != null) {
      for (LocalVm vm : cloud.vms(DEPLOYMENT)) {
        new VmProcesses().kill(vm.vmCid());
      }
      cloud.close();
    }
    if (stateDir != null) {
      Dirs.deleteTree(stateDir);
    }
  }

  @Test
  void deployAssembleReplicateThroughEveryPgpoolAndDeleteWithoutTrace() throws Exception {
    await(bosh.deploy(Manifests.fiveVmCluster(DEPLOYMENT), DEPLOYMENT + "/deploy", opts()));
    List<LocalVm> vms = cloud.vms(DEPLOYMENT);
    assertThat(vms).hasSize(5);

    Assembled cluster = assemble();
    assertThat(cluster.primary().role()).isEqualTo(PostgresRole.PRIMARY);
    assertThat(cluster.standby().role()).isEqualTo(PostgresRole.STANDBY);
    assertThat(cluster.pgpools()).hasSize(3).allMatch(p -> p.running());

    String standbyUrl = jdbcUrl(vm("postgres", 1).address(), 5432);
    try (Connection standby = DriverManager.getConnection(standbyUrl, "postgres", PASSWORD)) {
      assertThat(scalar(standby, "select status from pg_stat_wal_receiver")).isEqualTo("streaming");
    }
    for (int i = 0; i < 3; i++) {
      String pgpoolUrl = jdbcUrl(vm("pgpool", i).address(), NodeAgentConfig.DEFAULT_PGPOOL_PORT);
      String marker = "through pgpool/" + i + " " + UUID.randomUUID();
      try (Connection viaPgpool = DriverManager.getConnection(pgpoolUrl, "postgres", PASSWORD)) {
        execute(viaPgpool, "create table if not exists probe(note text primary key)");
        execute(viaPgpool, "insert into probe values ('" + marker + "')");
      }
      assertThat(readOnStandbyEventually(standbyUrl, marker)).as(marker).isTrue();
    }

    List<String> vmCids = vms.stream().map(LocalVm::vmCid).toList();
    List<Path> vmDirs = vms.stream().map(LocalVm::vmDir).toList();
    await(bosh.deleteDeployment(DEPLOYMENT, DEPLOYMENT + "/delete", false));
    assertThat(bosh.manifest(DEPLOYMENT)).isEmpty();
    for (String cid : vmCids) {
      assertThat(new VmProcesses().pids(cid)).as("processes of " + cid).isEmpty();
    }
    assertThat(vmDirs).allSatisfy(dir -> assertThat(dir).doesNotExist());
  }

  private Assembled assemble() {
    String queue = SharedTemporal.uniqueName("assemble");
    workflowWorkers = WorkerFactory.newInstance(SharedTemporal.get().client());
    workflowWorkers
        .newWorker(queue)
        .registerWorkflowImplementationTypes(AssembleClusterWorkflowImpl.class);
    workflowWorkers.start();
    AssembleClusterWorkflow workflow =
        SharedTemporal.get()
            .client()
            .newWorkflowStub(
                AssembleClusterWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(queue)
                    .setWorkflowId(SharedTemporal.uniqueName("assemble-" + DEPLOYMENT))
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                    .build());
    PostgresCredentials credentials = new PostgresCredentials(PASSWORD, "replicator", PASSWORD);
    return workflow.assemble(
        new Input(
            DEPLOYMENT,
            node("postgres", 0),
            node("postgres", 1),
            List.of(node("pgpool", 0), node("pgpool", 1), node("pgpool", 2)),
            credentials));
  }

  private static Node node(String group, int index) {
    LocalVm vm = vm(group, index);
    return new Node(NodeAgentConfig.taskQueue(DEPLOYMENT, vm.instanceId()), vm.address());
  }

  private static LocalVm vm(String group, int index) {
    return cloud.vm(DEPLOYMENT, group, index).orElseThrow();
  }

  private static boolean readOnStandbyEventually(String standbyUrl, String marker)
      throws Exception {
    long deadline = System.nanoTime() + REPLICATION_BOUND.toNanos();
    try (Connection standby = DriverManager.getConnection(standbyUrl, "postgres", PASSWORD)) {
      while (System.nanoTime() < deadline) {
        String found =
            scalar(standby, "select count(*) from pg_tables where tablename = 'probe'").equals("1")
                ? scalar(standby, "select count(*) from probe where note = '" + marker + "'")
                : "0";
        if (found.equals("1")) {
          return true;
        }
        Thread.sleep(100);
      }
    }
    return false;
  }

  private static void await(long taskId) {
    new BoshTaskWaiter(bosh, POLL).await(taskId, 0, (id, offset) -> {});
  }

  private static DeployOptions opts() {
    return DeployOptions.defaults();
  }

  private static String jdbcUrl(String host, int port) {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres?connectTimeout=5";
  }

  private static void execute(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String scalar(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
