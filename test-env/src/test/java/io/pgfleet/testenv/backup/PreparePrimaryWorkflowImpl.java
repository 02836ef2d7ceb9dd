package io.pgfleet.testenv.backup;

import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

public class PreparePrimaryWorkflowImpl implements PreparePrimaryWorkflow {

  @Override
  public ArchiveStatus prepare(Input in) {
    PostgresHostActivities primary =
        Workflow.newActivityStub(
            PostgresHostActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(in.taskQueue())
                .setScheduleToStartTimeout(Duration.ofSeconds(30))
                .setStartToCloseTimeout(Duration.ofMinutes(3))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
    primary.bootstrapPrimary(
        new BootstrapPrimaryInput(in.clusterId(), in.credentials(), Map.of(), List.of()));
    return primary.configureArchiving(ConfigureArchivingInput.async(in.archive()));
  }
}
