package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.workflows.iaas.AttachVolumeRequest;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.DetachVolumeRequest;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.iaas.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;

/**
 * AttachVolume / DetachVolume through the EC2 adapter and the plain SDK: a local VM takes one
 * volume, its persistent disk, so attaching re-points its store and the Director's record with it.
 */
class Ec2AttachIT {

  @TempDir Path stateDir;
  private Ec2TestCloud test;
  private LocalVm vm0;
  private LocalVm vm1;
  private VolumeInfo restored;

  @BeforeEach
  void volumeFromASnapshotOfVm0() throws Exception {
    test = Ec2TestCloud.deployed(stateDir);
    vm0 = test.vm(0);
    vm1 = test.vm(1);
    Files.writeString(vm0.storeDir().resolve("marker"), "snapshot of postgres/0");
    SnapshotInfo snapshot =
        test.iaas.createSnapshot(
            new CreateSnapshotRequest(vm0.diskCid(), "attach test", Map.of(), "attach-it"));
    restored =
        test.iaas.createVolumeFromSnapshot(
            new CreateVolumeRequest(snapshot.snapshotId(), "z1", Map.of(), "attach-it"));
  }

  @AfterEach
  void cleanUp() {
    test.close();
  }

  @Test
  void detachingADiskAndAttachingAVolumeRepointsTheVmsStore() throws Exception {
    VolumeInfo old =
        test.iaas.detachVolume(new DetachVolumeRequest(vm1.diskCid(), vm1.vmCid(), false));
    assertThat(old.state()).isEqualTo("available");
    assertThat(old.attachedTo()).isNull();
    assertThat(test.vm(1).diskCid()).as("the Director forgets it too").isNull();
    assertThat(test.agentConfig(1).storeDir()).isEqualTo(test.vm(1).vmDir().resolve("store"));
    assertThat(test.iaas.detachVolume(new DetachVolumeRequest(vm1.diskCid(), null, false)).state())
        .as("detaching again is success")
        .isEqualTo("available");

    VolumeInfo attached =
        test.iaas.attachVolume(
            new AttachVolumeRequest(restored.volumeId(), vm1.vmCid(), "/dev/sdg"));

    assertThat(attached.state()).isEqualTo("in-use");
    assertThat(attached.attachedTo()).isEqualTo(vm1.vmCid());
    assertThat(attached.sizeGb()).isEqualTo(restored.sizeGb());
    Path store = stateDir.resolve("disks").resolve(restored.volumeId());
    assertThat(test.vm(1).diskCid()).isEqualTo(restored.volumeId());
    assertThat(test.vm(1).storeDir()).isEqualTo(store);
    assertThat(test.agentConfig(1).storeDir()).isEqualTo(store);
    assertThat(store.resolve("marker")).hasContent("snapshot of postgres/0");
    VolumeAttachment seen = attachment(restored.volumeId());
    assertThat(seen.device()).isEqualTo("/dev/sdg");
    assertThat(seen.state()).isEqualTo(VolumeAttachmentState.ATTACHED);
    assertThat(
            test.ec2
                .describeInstances(b -> b.instanceIds(vm1.vmCid()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .blockDeviceMappings())
        .singleElement()
        .satisfies(m -> assertThat(m.deviceName()).isEqualTo("/dev/sdg"));
    assertThat(
            test.iaas.attachVolume(
                new AttachVolumeRequest(restored.volumeId(), vm1.vmCid(), "/dev/sdg")))
        .as("attaching again is success")
        .isEqualTo(attached);
  }

  @Test
  void theSdkSeesAttachingAndDetachingAnswersAndTheEndStatesAfter() {
    test.ec2.detachVolume(b -> b.volumeId(vm1.diskCid()).force(true));

    var attach =
        test.ec2.attachVolume(
            b -> b.volumeId(restored.volumeId()).instanceId(vm1.vmCid()).device("/dev/sdf"));
    assertThat(attach.state()).isEqualTo(VolumeAttachmentState.ATTACHING);
    assertThat(attach.instanceId()).isEqualTo(vm1.vmCid());
    assertThat(attach.device()).isEqualTo("/dev/sdf");
    assertThat(attach.attachTime()).isNotNull();
    assertThat(
            test.ec2
                .attachVolume(
                    b -> b.volumeId(restored.volumeId()).instanceId(vm1.vmCid()).device("/dev/sdf"))
                .state())
        .as("the same attachment again")
        .isEqualTo(VolumeAttachmentState.ATTACHED);

    var detach =
        test.ec2.detachVolume(b -> b.volumeId(restored.volumeId()).instanceId(vm1.vmCid()));
    assertThat(detach.state()).isEqualTo(VolumeAttachmentState.DETACHING);
    Volume after = volume(restored.volumeId());
    assertThat(after.stateAsString()).isEqualTo("available");
    assertThat(after.attachments()).isEmpty();
  }

  @Test
  void refusalsUseEc2sCodes() {
    String free = restored.volumeId();
    assertThat(code(() -> attach(vm0.diskCid(), vm1.vmCid(), "/dev/sdf"))).isEqualTo("VolumeInUse");
    assertThat(code(() -> attach("disk-00000000000000000", vm1.vmCid(), "/dev/sdf")))
        .isEqualTo("InvalidVolume.NotFound");
    assertThat(code(() -> attach(free, "vm-00000000000000000", "/dev/sdf")))
        .isEqualTo("InvalidInstanceID.NotFound");
    assertThat(code(() -> attach(free, vm0.vmCid(), "/dev/sdg")))
        .as("a local VM takes one volume")
        .isEqualTo("AttachmentLimitExceeded");
    assertThat(code(() -> attach(free, vm0.vmCid(), "sda-not-a-device")))
        .isEqualTo("InvalidParameterValue");
    assertThat(code(() -> test.ec2.detachVolume(b -> b.volumeId(free))))
        .isEqualTo("IncorrectState");
    assertThat(
            code(
                () ->
                    test.ec2.detachVolume(b -> b.volumeId(vm0.diskCid()).instanceId(vm1.vmCid()))))
        .isEqualTo("InvalidAttachment.NotFound");

    test.ec2.detachVolume(b -> b.volumeId(vm1.diskCid()));
    String otherZone =
        test.iaas
            .createVolumeFromSnapshot(
                new CreateVolumeRequest(restored.snapshotId(), "z2", Map.of(), "other-zone"))
            .volumeId();
    assertThat(code(() -> attach(otherZone, vm1.vmCid(), "/dev/sdf")))
        .isEqualTo("InvalidVolume.ZoneMismatch");
    assertThat(test.vm(1).diskCid()).as("nothing attached by a refusal").isNull();
    assertThat(test.vm(0).diskCid()).isEqualTo(vm0.diskCid());
  }

  @Test
  void theAdapterMapsRefusalsToFailureTypes() {
    var inUse =
        Failures.activityFailure(
            () ->
                test.iaas.attachVolume(
                    new AttachVolumeRequest(vm0.diskCid(), vm1.vmCid(), "/dev/sdf")));
    assertThat(inUse.getType()).isEqualTo("IAAS_REQUEST_REJECTED");
    assertThat(inUse.getOriginalMessage()).contains("VolumeInUse", vm0.diskCid());

    var unknown =
        Failures.activityFailure(
            () ->
                test.iaas.attachVolume(
                    new AttachVolumeRequest("disk-00000000000000000", vm1.vmCid(), "/dev/sdf")));
    assertThat(unknown.getType()).isEqualTo("IAAS_NOT_FOUND");

    var elsewhere =
        Failures.activityFailure(
            () ->
                test.iaas.detachVolume(new DetachVolumeRequest(vm0.diskCid(), vm1.vmCid(), true)));
    assertThat(elsewhere.getType()).isEqualTo("IAAS_REQUEST_REJECTED");
    assertThat(elsewhere.getOriginalMessage()).contains(vm0.vmCid(), vm1.vmCid());
    assertThat(test.vm(0).diskCid()).isEqualTo(vm0.diskCid());
  }

  @Test
  void anAttachmentAndItsDeviceSurviveARestart() throws Exception {
    test.ec2.detachVolume(b -> b.volumeId(vm1.diskCid()));
    attach(restored.volumeId(), vm1.vmCid(), "/dev/sdh");
    test.close();

    test = test.restarted();

    assertThat(test.vm(1).diskCid()).isEqualTo(restored.volumeId());
    assertThat(attachment(restored.volumeId()).device()).isEqualTo("/dev/sdh");
    assertThat(volume(vm1.diskCid()).stateAsString())
        .as("the detached disk stays a volume")
        .isEqualTo("available");
  }

  private void attach(String volumeId, String vmCid, String device) {
    test.ec2.attachVolume(b -> b.volumeId(volumeId).instanceId(vmCid).device(device));
  }

  private Volume volume(String volumeId) {
    return test.ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0);
  }

  private VolumeAttachment attachment(String volumeId) {
    return volume(volumeId).attachments().get(0);
  }

  private static String code(ThrowingCallable call) {
    return Failures.ec2Error(call).awsErrorDetails().errorCode();
  }
}
