package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class SnapshotRestoreWorkflowImpl implements SnapshotRestoreWorkflow {

  /** The local cloud copies the snapshot inside CreateVolume: seconds per GiB. */
  private static final ActivityOptions VOLUME =
      ActivityOptions.newBuilder(ActivityPolicies.QUICK)
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .build();

  /** Replaying the benchmark's few hundred MB of WAL takes a minute or two on two busy cores. */
  private static final Duration RECOVERY = Duration.ofMinutes(30);

  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);
  private final IaasActivities iaas = Workflow.newActivityStub(IaasActivities.class, VOLUME);
  private final List<String> steps = new ArrayList<>();

  @Override
  public Result restore(Input in) {
    PostgresHostActivities host =
        Workflow.newActivityStub(
            PostgresHostActivities.class, ActivityPolicies.onHost(in.nodeTaskQueue()));
    PostgresHostActivities recovering =
        Workflow.newActivityStub(
            PostgresHostActivities.class,
            ActivityOptions.newBuilder(ActivityPolicies.onHost(in.nodeTaskQueue()))
                .setStartToCloseTimeout(RECOVERY)
                .build());
    step("stop PostgreSQL", () -> host.stop(StopPostgresInput.fast()));
    step("stop instance", () -> bosh.changeInstanceState(state(in, InstanceState.STOPPED)));
    String volumeId =
        step(
                "create volume",
                () ->
                    iaas.createVolumeFromSnapshot(
                        new CreateVolumeRequest(
                            in.snapshotId(),
                            in.availabilityZone(),
                            Map.of("pgfleet:restore", in.restoreId()),
                            in.restoreId())))
            .volumeId();
    step(
        "attach volume",
        () ->
            bosh.attachDisk(
                new AttachDiskRequest(
                    in.deployment(),
                    in.instanceGroup(),
                    in.instanceId(),
                    volumeId,
                    in.restoreId() + "-attach")));
    step("start instance", () -> bosh.changeInstanceState(state(in, InstanceState.STARTED)));
    step(
        "prepare restore",
        () -> {
          host.prepareRestore(
              new PrepareRestoreInput(
                  in.backupLabel(), in.tablespaceMap(), RecoveryTarget.latest(), in.source()));
          return null;
        });
    RecoveryOutcome recovery = step("recover", recovering::awaitRecovery);
    return new Result(recovery, volumeId, List.copyOf(steps));
  }

  private static InstanceStateRequest state(Input in, InstanceState state) {
    return new InstanceStateRequest(
        in.deployment(),
        in.instanceGroup(),
        in.instanceId(),
        state,
        in.restoreId() + "-" + state.wireName());
  }

  private <T> T step(String name, Functions.Func<T> action) {
    long start = Workflow.currentTimeMillis();
    T result = action.apply();
    double seconds = (Workflow.currentTimeMillis() - start) / 1000.0;
    steps.add(String.format(Locale.ROOT, "%s %.1f s", name, seconds));
    return result;
  }
}
