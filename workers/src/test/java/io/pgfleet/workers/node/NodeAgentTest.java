package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent serves both host activity groups, under their pinned names, on the VM's queue. */
class NodeAgentTest {

  private static final String PROBE_QUEUE = "probe";

  @TempDir Path dir;

  private TestWorkflowEnvironment temporal;
  private NodeAgent agent;

  @WorkflowInterface
  public interface ProbeWorkflow {
    @WorkflowMethod
    String probe(String nodeQueue);
  }

  /** Calls the host activities by name, as the operation workflows will. */
  public static class ProbeWorkflowImpl implements ProbeWorkflow {
    @Override
    public String probe(String nodeQueue) {
      var host =
          Workflow.newUntypedActivityStub(
              ActivityOptions.newBuilder()
                  .setTaskQueue(nodeQueue)
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .build());
      PostgresNodeStatus postgres = host.execute("PostgresHost.status", PostgresNodeStatus.class);
      PgpoolNodeStatus pgpool = host.execute("PgpoolHost.status", PgpoolNodeStatus.class);
      return postgres.role() + " " + postgres.host() + " " + pgpool.running();
    }
  }

  @BeforeEach
  void startTemporalAndAgent() {
    temporal = TestWorkflowEnvironment.newInstance();
    temporal.newWorker(PROBE_QUEUE).registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
    temporal.start();
    agent = NodeAgent.start(config(), temporal.getWorkflowClient());
  }

  @AfterEach
  void stop() {
    agent.close();
    temporal.close();
  }

  @Test
  void anEmptyVmReportsNoClusterAndNoPgpool() {
    ProbeWorkflow probe =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                ProbeWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(PROBE_QUEUE).build());

    String result = probe.probe(agent.config().taskQueue());

    assertThat(result).isEqualTo(PostgresRole.UNINITIALIZED + " 127.0.9.2 false");
  }

  @Test
  void theVmsNodeNameIsInstanceGroupAndIndex() {
    var env = HostEnvironments.from(config());

    assertThat(env.nodeName()).isEqualTo("postgres_1");
    assertThat(env.vmId()).isEqualTo("vm-7");
    assertThat(env.postgresPort()).isEqualTo(NodeAgentConfig.DEFAULT_POSTGRES_PORT);
    assertThat(env.pgpoolBin()).isEqualTo(NodeAgentConfig.DEFAULT_PGPOOL_BIN);
    assertThat(NodeAgent.HostActivitiesFactory.create(config())).hasSize(2);
  }

  @Test
  void aPgpoolVotesWithThePgpoolsItsLinkListsInIndexOrder() {
    List<NodeAgentConfig.LinkedInstance> pgpools =
        List.of(
            new NodeAgentConfig.LinkedInstance("pgpool", 2, "u2", "127.0.1.6"),
            new NodeAgentConfig.LinkedInstance("pgpool", 0, "u0", "127.0.1.4"),
            new NodeAgentConfig.LinkedInstance("pgpool", 1, "u1", "127.0.1.5"));

    var watchdog = HostEnvironments.pgpoolWatchdog(pgpool("127.0.1.5", pgpools));

    assertThat(watchdog.enabled()).isTrue();
    assertThat(watchdog.ownId()).isEqualTo(1);
    assertThat(watchdog.members()).containsExactly("127.0.1.4", "127.0.1.5", "127.0.1.6");
    assertThat(
            HostEnvironments.pgpoolWatchdog(pgpool("127.0.1.5", pgpools.subList(2, 3))).enabled())
        .as("a pgpool the link does not list with another")
        .isFalse();
    assertThat(HostEnvironments.pgpoolWatchdog(config()).enabled()).as("a postgres VM").isFalse();
  }

  private NodeAgentConfig pgpool(String address, List<NodeAgentConfig.LinkedInstance> pgpools) {
    return new NodeAgentConfig(
        "cluster-1",
        "pgpool",
        1,
        "u1",
        "vm-8",
        address,
        new NodeAgentConfig.Temporal("127.0.0.1:7233", "default"),
        dir.resolve("store"),
        dir.resolve("data"),
        null,
        null,
        null,
        0,
        0,
        0,
        Map.of(),
        Map.of("pgpool", pgpools));
  }

  private NodeAgentConfig config() {
    return new NodeAgentConfig(
        "cluster-1",
        "postgres",
        1,
        "uuid-1",
        "vm-7",
        "127.0.9.2",
        new NodeAgentConfig.Temporal("127.0.0.1:7233", "default"),
        dir.resolve("store"),
        dir.resolve("data"),
        null,
        null,
        null,
        0,
        0,
        0,
        Map.of(),
        Map.of("postgres", List.of()));
  }
}
