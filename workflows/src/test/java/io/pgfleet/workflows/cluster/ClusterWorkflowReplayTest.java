package io.pgfleet.workflows.cluster;

import static io.pgfleet.workflows.cluster.ClusterTestEnv.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster workflow must replay the histories of runs recorded with earlier code: a change that
 * alters the command sequence would break every cluster workflow running in production.
 */
class ClusterWorkflowReplayTest {

  private static final String HISTORY = "histories/cluster-provision-bind-deprovision.json";

  @BeforeAll
  static void recordWhenAsked() {
    if (RecordedHistories.recording()) {
      RecordedHistories.write(HISTORY, runScenario());
    }
  }

  @Test
  void theRecordedProvisionBindDeprovisionHistoryReplays() throws Exception {
    WorkflowExecutionHistory history = stored();

    assertThat(history.getEvents())
        .extracting(HistoryEvent::getEventType)
        .contains(
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
        .endsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    WorkflowReplayer.replayWorkflowExecution(history, ClusterWorkflowImpl.class);
  }

  @Test
  void aChangedCommandSequenceIsCaughtAsNondeterministic() throws Exception {
    WorkflowExecutionHistory history = stored();

    // The replayer reports the NonDeterministicException as text inside a RuntimeException.
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(history, TimerFirstClusterWorkflow.class))
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("does not match command type COMMAND_TYPE_START_TIMER");
  }

  /** From the classpath, or from the source tree just after recording (the copy is stale then). */
  private static WorkflowExecutionHistory stored() throws IOException {
    if (RecordedHistories.recording()) {
      return WorkflowExecutionHistory.fromJson(Files.readString(RecordedHistories.file(HISTORY)));
    }
    try (InputStream in = ClusterWorkflowReplayTest.class.getResourceAsStream("/" + HISTORY)) {
      assertThat(in).as("recorded history " + HISTORY).isNotNull();
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Provision, bind, deprovision against scripted children: every command kind the loop issues. */
  private static WorkflowExecutionHistory runScenario() {
    try (ClusterTestEnv t = new ClusterTestEnv(ClusterWorkflowImpl.class)) {
      ClusterWorkflow cluster = t.start();
      cluster.provision(provision("op-1", PlanCatalog.SMALL));
      t.awaitPhase(ClusterPhase.READY);
      cluster.bind(new BindRequest("b-1"));
      cluster.deprovision(new DeprovisionRequest("op-2"));
      t.awaitCompletion();
      return t.client.fetchHistory(ClusterTestEnv.WORKFLOW_ID);
    }
  }
}
