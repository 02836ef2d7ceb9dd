package io.pgfleet.testenv.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs {@link EchoWorkflow} against a server with a worker of its own. */
final class EchoRun implements AutoCloseable {

  /** Visibility is eventually consistent; the dev server indexes within about a second. */
  private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(15);

  private static final Duration POLL = Duration.ofMillis(200);

  private final WorkflowServiceStubs stubs;
  private final boolean ownsStubs;
  private final WorkflowClient client;
  private final WorkerFactory factory;
  private final String taskQueue = SharedTemporal.uniqueName("echo");
  private final String workflowId = SharedTemporal.uniqueName("echo-wf");

  private EchoRun(WorkflowServiceStubs stubs, boolean ownsStubs, WorkflowClient client) {
    this.stubs = stubs;
    this.ownsStubs = ownsStubs;
    this.client = client;
    this.factory = WorkerFactory.newInstance(client);
    EchoWorkflow.register(factory.newWorker(taskQueue));
    factory.start();
  }

  static EchoRun on(TemporalServer server) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
    return new EchoRun(
        stubs,
        true,
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build()));
  }

  static EchoRun on(WorkflowClient client) {
    return new EchoRun(client.getWorkflowServiceStubs(), false, client);
  }

  /** Runs the workflow to completion, first tagged with PgClusterId "pending". */
  String echo(String text) {
    EchoWorkflow workflow =
        client.newWorkflowStub(
            EchoWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder().set(EchoWorkflow.CLUSTER_ID, "pending").build())
                .build());
    return workflow.echo(text);
  }

  /** PgClusterId as the server recorded it (read-your-writes through describe). */
  String clusterIdSearchAttribute() {
    return client
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getTypedSearchAttributes()
        .get(EchoWorkflow.CLUSTER_ID);
  }

  /** Whether a visibility list query by PgClusterId finds the run within a bounded wait. */
  boolean visibleInListQuery(String clusterId) throws InterruptedException {
    String query = "PgClusterId = '" + clusterId + "' AND WorkflowId = '" + workflowId + "'";
    long deadline = System.nanoTime() + VISIBILITY_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (client.listExecutions(query).findAny().isPresent()) {
        return true;
      }
      Thread.sleep(POLL.toMillis());
    }
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    if (ownsStubs) {
      stubs.shutdownNow();
    }
  }
}
