package io.pgfleet.workflows.failover;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.time.Duration;

/**
 * Shortens the schedule-to-start timeout of every node-agent call, for tests with dead VMs: the
 * test server does not skip time while an activity task waits to be taken, so production's timeout
 * would cost real seconds per call. Only the timeout changes, not the commands, so histories stay
 * the same.
 */
final class QuickAgentPickup extends WorkerInterceptorBase {

  /** Long for a live test worker to take a task, short enough for several timeouts per test. */
  static final Duration PICKUP = Duration.ofSeconds(1);

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Shortened(outbound));
      }
    };
  }

  private static final class Shortened extends WorkflowOutboundCallsInterceptorBase {

    Shortened(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      ActivityOptions options = input.getOptions();
      if (options.getScheduleToStartTimeout() == null) {
        return super.executeActivity(input);
      }
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              options.toBuilder().setScheduleToStartTimeout(PICKUP).build(),
              input.getHeader()));
    }
  }
}
