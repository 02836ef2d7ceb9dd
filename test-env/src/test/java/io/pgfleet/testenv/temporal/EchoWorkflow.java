package io.pgfleet.testenv.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** A trivial workflow + activity pair that proves a server runs real work end to end. */
@WorkflowInterface
public interface EchoWorkflow {

  SearchAttributeKey<String> CLUSTER_ID = SearchAttributeKey.forKeyword("PgClusterId");

  @WorkflowMethod
  String echo(String text);

  /** The activity the workflow calls: runs on the worker, outside workflow code. */
  @ActivityInterface
  interface EchoActivities {
    String shout(String text);
  }

  /** Workflow implementation: one activity call, one search attribute upsert. */
  class Impl implements EchoWorkflow {

    /** A local activity call returns in milliseconds; the bound only catches a stuck worker. */
    private final EchoActivities activities =
        Workflow.newActivityStub(
            EchoActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String echo(String text) {
      String result = activities.shout(text);
      Workflow.upsertTypedSearchAttributes(CLUSTER_ID.valueSet(text));
      return result;
    }
  }

  /** Registers the workflow and its activity on {@code worker}. */
  static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(Impl.class);
    worker.registerActivitiesImplementations((EchoActivities) text -> text.toUpperCase() + "!");
  }
}
