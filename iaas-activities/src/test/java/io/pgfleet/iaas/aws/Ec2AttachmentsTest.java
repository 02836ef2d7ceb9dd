package io.pgfleet.iaas.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.AttachVolumeRequest;
import io.pgfleet.workflows.iaas.DetachVolumeRequest;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.VolumeInfo;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/** attachVolume / detachVolume: look first, act once, wait for EC2's end state. */
class Ec2AttachmentsTest {

  private static final Ec2Waits WAITS =
      new Ec2Waits(
          Duration.ofMillis(1),
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofMillis(300));
  private static final AttachVolumeRequest ATTACH =
      new AttachVolumeRequest("vol-1", "i-1", "/dev/sdf");

  private final FakeEc2 ec2 = new FakeEc2();
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();
  private final IaasActivities iaas;

  Ec2AttachmentsTest() {
    env.registerActivitiesImplementations(new Ec2IaasActivities(ec2, WAITS));
    env.setActivityHeartbeatListener(Object.class, heartbeats::add);
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
  void attachingSendsOneRequestAndWaitsUntilAttached() {
    ec2.volumeAnswers.addAll(
        List.of(
            volume("available", null, null),
            volume("available", null, null),
            volume("in-use", "i-1", "attaching"),
            volume("in-use", "i-1", "attached")));

    VolumeInfo info = iaas.attachVolume(ATTACH);

    assertThat(info.state()).isEqualTo("in-use");
    assertThat(info.attachedTo()).isEqualTo("i-1");
    assertThat(attachCalls()).hasSize(1);
    var call = (software.amazon.awssdk.services.ec2.model.AttachVolumeRequest) attachCalls().get(0);
    assertThat(call.volumeId()).isEqualTo("vol-1");
    assertThat(call.instanceId()).isEqualTo("i-1");
    assertThat(call.device()).isEqualTo("/dev/sdf");
    assertThat(heartbeats).as("heartbeats while waiting").isNotEmpty();
  }

  @Test
  void aVolumeAttachedToThatVmAlreadyIsSuccessWithoutARequest() {
    ec2.volumeAnswers.add(volume("in-use", "i-1", "attached"));

    assertThat(iaas.attachVolume(ATTACH).attachedTo()).isEqualTo("i-1");
    assertThat(attachCalls()).isEmpty();
  }

  @Test
  void aRetryWhileStillAttachingWaitsInsteadOfAttachingAgain() {
    ec2.volumeAnswers.addAll(
        List.of(volume("in-use", "i-1", "attaching"), volume("in-use", "i-1", "attached")));

    assertThat(iaas.attachVolume(ATTACH).attachedTo()).isEqualTo("i-1");
    assertThat(attachCalls()).isEmpty();
  }

  @Test
  void aVolumeInUseElsewhereIsRejectedAndAnUnknownOneIsNotFound() {
    ec2.volumeAnswers.add(volume("in-use", "i-2", "attached"));
    ec2.attachError = FakeEc2.error(400, "VolumeInUse");
    ApplicationFailure inUse = failure(() -> iaas.attachVolume(ATTACH));
    assertThat(inUse.getType()).isEqualTo(FailureType.IAAS_REQUEST_REJECTED.name());
    assertThat(inUse.isNonRetryable()).isTrue();
    assertThat(inUse.getOriginalMessage()).contains("VolumeInUse", "vol-1", "i-1");

    ec2.volumeAnswers.clear();
    ApplicationFailure unknown = failure(() -> iaas.attachVolume(ATTACH));
    assertThat(unknown.getType()).isEqualTo(FailureType.IAAS_NOT_FOUND.name());
  }

  @Test
  void anAttachmentThatNeverCompletesFailsRetryably() {
    ec2.volumeAnswers.add(volume("in-use", "i-1", "attaching"));

    ApplicationFailure failure = failure(() -> iaas.attachVolume(ATTACH));

    assertThat(failure.getType()).isEqualTo(FailureType.IAAS_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("vol-1", "i-1", "attaching");
  }

  @Test
  void detachingSendsForceAndWaitsUntilAvailable() {
    ec2.volumeAnswers.addAll(
        List.of(
            volume("in-use", "i-1", "attached"),
            volume("in-use", "i-1", "detaching"),
            volume("available", null, null)));

    VolumeInfo info = iaas.detachVolume(new DetachVolumeRequest("vol-1", "i-1", true));

    assertThat(info.state()).isEqualTo("available");
    assertThat(info.attachedTo()).isNull();
    var call = (software.amazon.awssdk.services.ec2.model.DetachVolumeRequest) ec2.calls.get(0);
    assertThat(call.volumeId()).isEqualTo("vol-1");
    assertThat(call.instanceId()).isEqualTo("i-1");
    assertThat(call.force()).isTrue();
  }

  @Test
  void aDetachedVolumeIsSuccessAndARaceWithAnotherDetachToo() {
    ec2.volumeAnswers.add(volume("available", null, null));
    assertThat(iaas.detachVolume(new DetachVolumeRequest("vol-1", null, false)).state())
        .isEqualTo("available");
    assertThat(ec2.calls).isEmpty();

    ec2.volumeAnswers.clear();
    ec2.volumeAnswers.addAll(
        List.of(volume("in-use", "i-1", "attached"), volume("available", null, null)));
    ec2.detachError = FakeEc2.error(400, "IncorrectState");
    assertThat(iaas.detachVolume(new DetachVolumeRequest("vol-1", null, false)).state())
        .isEqualTo("available");
  }

  @Test
  void aVolumeAttachedToAnotherVmThanNamedIsNotDetached() {
    ec2.volumeAnswers.add(volume("in-use", "i-2", "attached"));

    ApplicationFailure failure =
        failure(() -> iaas.detachVolume(new DetachVolumeRequest("vol-1", "i-1", false)));

    assertThat(failure.getType()).isEqualTo(FailureType.IAAS_REQUEST_REJECTED.name());
    assertThat(failure.getOriginalMessage()).contains("attached to i-2, not i-1");
    assertThat(ec2.calls).isEmpty();
  }

  @Test
  void aRequestWithoutDeviceIsInvalidInput() {
    ApplicationFailure failure =
        failure(() -> iaas.attachVolume(new AttachVolumeRequest("vol-1", "i-1", " ")));
    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
  }

  private List<Object> attachCalls() {
    return ec2.calls.stream()
        .filter(c -> c instanceof software.amazon.awssdk.services.ec2.model.AttachVolumeRequest)
        .toList();
  }

  private static Volume volume(String state, String instance, String attachment) {
    Volume.Builder b = Volume.builder().volumeId("vol-1").state(state).size(2);
    if (instance != null) {
      b.attachments(
          VolumeAttachment.builder()
              .volumeId("vol-1")
              .instanceId(instance)
              .state(attachment)
              .build());
    }
    return b.build();
  }

  private static ApplicationFailure failure(ThrowingCallable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call);
    assertThat(failure).as("the activity fails").isNotNull();
    return (ApplicationFailure) failure.getCause();
  }
}
