package io.pgfleet.workflows.cluster;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.alert.AlertActivities;
import io.pgfleet.workflows.backup.BackupScheduleActivities;
import io.pgfleet.workflows.backup.BackupWorkflow;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflow;
import io.pgfleet.workflows.failover.FailoverWorkflow;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.provision.ProvisionWorkflow;
import io.pgfleet.workflows.restore.RestoreWorkflow;
import io.pgfleet.workflows.switchover.SwitchoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A time-skipping Temporal test server with the cluster workflow under test, scripted children and
 * mocked SQL, alert and backup schedule activities, on the production task queue.
 */
final class ClusterTestEnv implements AutoCloseable {

  static final String CLUSTER_ID = "c-0001";
  static final String WORKFLOW_ID = ClusterWorkflow.workflowId(CLUSTER_ID);

  /** Generous for a loaded 2-core machine; a healthy run needs milliseconds. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final long POLL_MILLIS = 10;

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final WorkflowClient client = env.getWorkflowClient();
  final ChildScript script = new ChildScript();
  final PostgresSqlActivities sql =
      mock(PostgresSqlActivities.class, withSettings().withoutAnnotations());
  final AlertActivities alerts = mock(AlertActivities.class, withSettings().withoutAnnotations());
  final BackupScheduleActivities schedules =
      mock(BackupScheduleActivities.class, withSettings().withoutAnnotations());
  private String firstRunId;

  ClusterTestEnv(Class<? extends ClusterWorkflow> implementation) {
    Worker worker = env.newWorker(ClusterWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(implementation);
    worker.registerWorkflowImplementationFactory(
        ProvisionWorkflow.class, () -> new FakeProvisionWorkflow(script));
    worker.registerWorkflowImplementationFactory(
        DeprovisionWorkflow.class, () -> new FakeDeprovisionWorkflow(script));
    worker.registerWorkflowImplementationFactory(
        FailoverWorkflow.class, () -> new FakeFailoverWorkflow(script));
    worker.registerWorkflowImplementationFactory(
        BackupWorkflow.class, () -> new FakeBackupWorkflow(script));
    worker.registerWorkflowImplementationFactory(
        RestoreWorkflow.class, () -> new FakeRestoreWorkflow(script));
    worker.registerWorkflowImplementationFactory(
        SwitchoverWorkflow.class, () -> new FakeSwitchoverWorkflow(script));
    worker.registerActivitiesImplementations(sql, alerts, schedules);
    env.start();
  }

  /** Starts the cluster's workflow as the gateway would, and returns a stub by workflow id. */
  ClusterWorkflow start() {
    ClusterWorkflow starter =
        client.newWorkflowStub(
            ClusterWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .build());
    firstRunId =
        WorkflowClient.start(starter::run, ClusterWorkflowInput.fresh(CLUSTER_ID)).getRunId();
    return cluster();
  }

  /** A stub of the first run, also once it has continued as new (queries replay closed runs). */
  ClusterWorkflow firstRun() {
    return client.newWorkflowStub(ClusterWorkflow.class, WORKFLOW_ID, Optional.of(firstRunId));
  }

  /** A stub without run id: it follows the workflow across continue-as-new. */
  ClusterWorkflow cluster() {
    return client.newWorkflowStub(ClusterWorkflow.class, WORKFLOW_ID);
  }

  ClusterView awaitPhase(ClusterPhase phase) {
    return eventually(() -> cluster().view(), v -> v.phase() == phase, "phase " + phase);
  }

  /** Lets a held child go on once it is waiting in its first step. */
  void release(String operationId) {
    String childId = ClusterNaming.operationWorkflowId(CLUSTER_ID, operationId);
    childProgress(operationId);
    client.newUntypedWorkflowStub(childId).signal(ScriptedChild.RELEASE_SIGNAL);
  }

  /** The child's live progress, once it has started its first step. */
  OperationView childProgress(String operationId) {
    String childId = ClusterNaming.operationWorkflowId(CLUSTER_ID, operationId);
    return eventually(
        () -> client.newWorkflowStub(ProvisionWorkflow.class, childId).progress(),
        p -> p != null && !p.steps().isEmpty(),
        "progress of " + childId);
  }

  /** The cluster's record of an operation, once it has finished. */
  OperationView awaitOperation(String operationId) {
    return eventually(
        () -> cluster().operation(operationId),
        o -> o != null && o.state().finished(),
        "end of operation " + operationId);
  }

  /** Reports a failure as a node agent does: an untyped signal by name. */
  void report(String reporter, String suspectAddress, String detail) {
    client
        .newUntypedWorkflowStub(WORKFLOW_ID)
        .signal(
            ClusterWorkflow.REPORT_FAILURE_SIGNAL,
            new DataPlaneReport(reporter, suspectAddress, env.currentTimeMillis(), detail));
  }

  void awaitCompletion() {
    client.newUntypedWorkflowStub(WORKFLOW_ID).getResult(Void.class);
  }

  static ProvisionRequest provision(String operationId, Plan plan) {
    return new ProvisionRequest(
        operationId,
        PlanCatalog.SERVICE_ID,
        plan.id(),
        Map.of("maintenance_window", "sun-02:00"),
        Map.of("platform", "cloudfoundry", "space_guid", "space-1"),
        null);
  }

  /** The message a rejected (or failed) Update reports to its caller. */
  static String rejection(Runnable update) {
    try {
      update.run();
    } catch (WorkflowUpdateException e) {
      Throwable cause = e.getCause();
      while (cause.getCause() != null && !(cause instanceof ApplicationFailure)) {
        cause = cause.getCause();
      }
      return cause instanceof ApplicationFailure app
          ? app.getOriginalMessage()
          : cause.getMessage();
    }
    throw new AssertionError("the update was accepted");
  }

  /** Polls a query until its answer satisfies {@code done}; queries during startup may fail. */
  static <T> T eventually(Supplier<T> probe, Predicate<T> done, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
    AssertionError timeout =
        new AssertionError("no " + what + " within " + PATIENCE + "; last answer " + last);
    if (lastError != null) {
      timeout.addSuppressed(lastError);
    }
    throw timeout;
  }

  @Override
  public void close() {
    env.close();
  }
}
