package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signals reach a workflow by its id and signal name alone, as the cluster workflow's. */
class TemporalFailureSignalsTest {

  private static final String QUEUE = "signals-test";

  /** Stands in for ClusterWorkflow: only the signal name matters to the sender. */
  @WorkflowInterface
  public interface ReportSink {
    @WorkflowMethod
    void run();

    @SignalMethod(name = ClusterWorkflow.REPORT_FAILURE_SIGNAL)
    void reportFailure(DataPlaneReport report);

    @SignalMethod(name = ClusterWorkflow.ARCHIVE_HEALTH_SIGNAL)
    void archiveHealth(ArchiveHealth health);

    @QueryMethod
    List<DataPlaneReport> reports();

    @QueryMethod
    List<ArchiveHealth> archiveReports();
  }

  public static class ReportSinkImpl implements ReportSink {
    private final List<DataPlaneReport> reports = new ArrayList<>();
    private final List<ArchiveHealth> archiveReports = new ArrayList<>();

    @Override
    public void run() {
      Workflow.await(() -> false);
    }

    @Override
    public void reportFailure(DataPlaneReport report) {
      reports.add(report);
    }

    @Override
    public void archiveHealth(ArchiveHealth health) {
      archiveReports.add(health);
    }

    @Override
    public List<ArchiveHealth> archiveReports() {
      return archiveReports;
    }

    @Override
    public List<DataPlaneReport> reports() {
      return reports;
    }
  }

  private TestWorkflowEnvironment temporal;

  @BeforeEach
  void start() {
    temporal = TestWorkflowEnvironment.newInstance();
    temporal.newWorker(QUEUE).registerWorkflowImplementationTypes(ReportSinkImpl.class);
    temporal.start();
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void aRunningClusterWorkflowGetsTheReport() {
    WorkflowClient client = temporal.getWorkflowClient();
    ReportSink sink =
        client.newWorkflowStub(
            ReportSink.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId(ClusterWorkflow.workflowId("c1"))
                .build());
    WorkflowClient.start(sink::run);
    DataPlaneReport report = new DataPlaneReport("pgpool/1", "127.0.1.2", 42L, "detached");
    ArchiveHealth health =
        new ArchiveHealth("postgres/0", false, "failing", null, null, 2, 30L, null, 43L);
    TemporalFailureSignals signals = new TemporalFailureSignals(client);

    FailureSignals.Outcome outcome = signals.send(ClusterWorkflow.workflowId("c1"), report);
    FailureSignals.Outcome archiving = signals.send(ClusterWorkflow.workflowId("c1"), health);

    assertThat(outcome).isEqualTo(FailureSignals.Outcome.DELIVERED);
    assertThat(archiving).isEqualTo(FailureSignals.Outcome.DELIVERED);
    assertThat(sink.reports()).containsExactly(report);
    assertThat(sink.archiveReports()).containsExactly(health);
  }

  @Test
  void aClusterWithoutAWorkflowIsNobodyToTell() {
    FailureSignals.Outcome outcome =
        new TemporalFailureSignals(temporal.getWorkflowClient())
            .send("cluster/none", new DataPlaneReport("pgpool/0", "127.0.1.2", 1L, "x"));

    assertThat(outcome).isEqualTo(FailureSignals.Outcome.NO_SUCH_WORKFLOW);
  }
}
