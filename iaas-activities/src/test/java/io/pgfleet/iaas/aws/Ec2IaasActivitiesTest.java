package io.pgfleet.iaas.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.PowerOffRequest;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The adapter's waiting, idempotency and failure mapping against a scripted EC2. */
class Ec2IaasActivitiesTest {

  /** Fast polls; a limit short enough to test running out of it. */
  private static final Ec2Waits WAITS =
      new Ec2Waits(
          Duration.ofMillis(1),
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofMillis(300));

  private final FakeEc2 ec2 = new FakeEc2();
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final IaasActivities iaas;

  Ec2IaasActivitiesTest() {
    env.registerActivitiesImplementations(new Ec2IaasActivities(ec2, WAITS));
    iaas =
        env.newActivityStub(
            IaasActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void powerOffForcesAStopAndWaitsUntilStopped() {
    ec2.instanceStates.addAll(List.of("stopping", "stopping", "stopped"));

    PowerState state = iaas.powerOff(new PowerOffRequest("i-1", "fencing postgres/0"));

    assertThat(state.state()).isEqualTo("stopped");
    assertThat(state.poweredOff()).isTrue();
    StopInstancesRequest stop = (StopInstancesRequest) ec2.calls.get(0);
    assertThat(stop.force()).isTrue();
    assertThat(stop.instanceIds()).containsExactly("i-1");
    assertThat(ec2.calls)
        .anySatisfy(
            c -> assertThat(c.toString()).contains("pgfleet:powered-off").contains("fencing"));
  }

  @Test
  void aTerminatedInstanceIsFencedAlready() {
    ec2.stopError = FakeEc2.error(400, "IncorrectInstanceState");
    ec2.instanceStates.add("terminated");

    assertThat(iaas.powerOff(new PowerOffRequest("i-1", "fence")).state()).isEqualTo("terminated");
  }

  @Test
  void aVmThatDoesNotStopInTimeFailsRetryably() {
    ec2.instanceStates.add("stopping");

    ApplicationFailure failure = failure(() -> iaas.powerOff(new PowerOffRequest("i-1", "fence")));

    assertThat(failure.getType()).isEqualTo(FailureType.IAAS_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("power off of i-1").contains("stopping");
  }

  @Test
  void aSnapshotWithTheSameClientTokenIsReturnedNotMadeAgain() {
    ec2.snapshotAnswers.add(List.of(snapshot("snap-old", "pending", "backup-1")));

    SnapshotInfo info = iaas.createSnapshot(request("backup-1"));

    assertThat(info.snapshotId()).isEqualTo("snap-old");
    assertThat(ec2.calls)
        .noneMatch(
            c -> c instanceof software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest);
    assertThat(ec2.calls.get(0).toString()).contains("tag:pgfleet:client-token").contains("self");
  }

  @Test
  void aNewSnapshotCarriesItsTagsAndTheClientToken() {
    SnapshotInfo info = iaas.createSnapshot(request("backup-2"));

    assertThat(info.snapshotId()).isEqualTo("snap-new");
    var create = (software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest) ec2.calls.get(1);
    assertThat(create.volumeId()).isEqualTo("vol-1");
    assertThat(create.tagSpecifications().get(0).resourceTypeAsString()).isEqualTo("snapshot");
    assertThat(create.tagSpecifications().get(0).tags())
        .contains(
            Tag.builder().key("pgfleet:client-token").value("backup-2").build(),
            Tag.builder().key("cluster").value("c1").build());
  }

  @Test
  void aSnapshotWithoutClientTokenIsRefused() {
    ApplicationFailure failure = failure(() -> iaas.createSnapshot(request(null)));
    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
  }

  @Test
  void awaitingASnapshotEndsAtCompletedOrFailsOnError() {
    ec2.snapshotAnswers.addAll(
        List.of(
            List.of(snapshot("snap-1", "pending", "t")),
            List.of(snapshot("snap-1", "completed", "t"))));
    assertThat(iaas.awaitSnapshot("snap-1").state()).isEqualTo("completed");

    ec2.snapshotAnswers.clear();
    ec2.snapshotAnswers.add(List.of(snapshot("snap-2", "error", "t")));
    ApplicationFailure failure = failure(() -> iaas.awaitSnapshot("snap-2"));
    assertThat(failure.getType()).isEqualTo(FailureType.IAAS_REQUEST_REJECTED.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void deletingWhatIsGoneSucceedsAnAttachedVolumeIsRejected() {
    ec2.deleteSnapshotError = FakeEc2.error(400, "InvalidSnapshot.NotFound");
    ec2.deleteVolumeError = FakeEc2.error(400, "InvalidVolume.NotFound");
    iaas.deleteSnapshot("snap-gone");
    iaas.deleteVolume("vol-gone");

    ec2.deleteVolumeError = FakeEc2.error(400, "VolumeInUse");
    ApplicationFailure failure = failure(() -> iaas.deleteVolume("vol-attached"));
    assertThat(failure.getType()).isEqualTo(FailureType.IAAS_REQUEST_REJECTED.name());
    assertThat(failure.getOriginalMessage()).contains("VolumeInUse").contains("vol-attached");
  }

  private static CreateSnapshotRequest request(String token) {
    return new CreateSnapshotRequest("vol-1", "base backup", Map.of("cluster", "c1"), token);
  }

  private static Snapshot snapshot(String id, String state, String token) {
    return Snapshot.builder()
        .snapshotId(id)
        .volumeId("vol-1")
        .state(state)
        .volumeSize(4)
        .tags(Tag.builder().key("pgfleet:client-token").value(token).build())
        .build();
  }

  private static ApplicationFailure failure(ThrowingCallable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call);
    assertThat(failure).as("the activity fails").isNotNull();
    return (ApplicationFailure) failure.getCause();
  }
}
