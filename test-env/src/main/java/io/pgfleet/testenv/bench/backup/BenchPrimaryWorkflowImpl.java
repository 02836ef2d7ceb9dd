package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

public class BenchPrimaryWorkflowImpl implements BenchPrimaryWorkflow {

  /** The VM's agent is up once the deploy task finished; seconds, not minutes. */
  private static final Duration PICKUP = Duration.ofSeconds(30);

  /** initdb, start and the stanza's creation on a busy 2-core machine. */
  private static final Duration STEP = Duration.ofMinutes(3);

  @Override
  public ArchiveStatus prepare(Input in) {
    PostgresHostActivities primary =
        Workflow.newActivityStub(
            PostgresHostActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(in.taskQueue())
                .setScheduleToStartTimeout(PICKUP)
                .setStartToCloseTimeout(STEP)
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
    primary.bootstrapPrimary(
        new BootstrapPrimaryInput(
            in.clusterId(), in.credentials(), PlanCatalog.SMALL.postgresParameters(), List.of()));
    return primary.configureArchiving(ConfigureArchivingInput.async(in.archive()));
  }
}
