package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.cloud.LocalVm;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

/** The EC2 API as the plain AWS SDK sees it: authentication, errors, filters, tags. */
class Ec2ApiIT {

  @TempDir Path stateDir;
  private Ec2TestCloud test;

  @BeforeEach
  void deploy() throws Exception {
    test = Ec2TestCloud.deployed(stateDir);
  }

  @AfterEach
  void cleanUp() {
    test.close();
  }

  @Test
  void aWrongSecretIsAnAuthFailure() {
    try (Ec2Client wrong = test.client("not-the-secret")) {
      Ec2Exception error = Failures.ec2Error(() -> wrong.describeInstances());
      assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
      assertThat(error.statusCode()).isEqualTo(401);
      assertThat(error.awsErrorDetails().errorMessage())
          .isEqualTo("AWS was not able to validate the provided access credentials");
    }
  }

  @Test
  void unknownIdsAreEc2sNotFoundErrors() {
    assertThat(code(() -> test.ec2.describeInstances(b -> b.instanceIds("vm-00000000000000000"))))
        .isEqualTo("InvalidInstanceID.NotFound");
    assertThat(code(() -> test.ec2.describeVolumes(b -> b.volumeIds("disk-00000000000000000"))))
        .isEqualTo("InvalidVolume.NotFound");
    assertThat(code(() -> test.ec2.deleteVolume(b -> b.volumeId("disk-00000000000000000"))))
        .isEqualTo("InvalidVolume.NotFound");
    assertThat(code(() -> test.ec2.describeSnapshots(b -> b.snapshotIds("snap-00000000000000000"))))
        .isEqualTo("InvalidSnapshot.NotFound");
    assertThat(code(() -> test.ec2.deleteSnapshot(b -> b.snapshotId("snap-00000000000000000"))))
        .isEqualTo("InvalidSnapshot.NotFound");
    assertThat(code(() -> test.ec2.createSnapshot(b -> b.volumeId("disk-00000000000000000"))))
        .isEqualTo("InvalidVolume.NotFound");
  }

  @Test
  void instancesAndVolumesAreTheVmsAndTheirDisksWithTagsAndFilters() {
    LocalVm vm = test.vm(0);
    test.ec2.createTags(
        b -> b.resources(vm.vmCid()).tags(Tag.builder().key("role").value("primary").build()));

    Filter primary = Filter.builder().name("tag:role").values("prim*").build();
    Instance instance =
        test.ec2
            .describeInstances(b -> b.filters(primary))
            .reservations()
            .get(0)
            .instances()
            .get(0);
    assertThat(instance.instanceId()).isEqualTo(vm.vmCid());
    assertThat(instance.privateIpAddress()).isEqualTo(vm.address());
    assertThat(instance.state().nameAsString()).isEqualTo("running");
    assertThat(instance.state().code()).isEqualTo(16);
    assertThat(instance.tags()).contains(Tag.builder().key("deployment").value("pg").build());
    assertThat(test.ec2.describeInstances().reservations()).hasSize(2);

    Volume disk =
        test.ec2
            .describeVolumes(
                b ->
                    b.filters(
                        Filter.builder().name("attachment.instance-id").values(vm.vmCid()).build()))
            .volumes()
            .get(0);
    assertThat(disk.volumeId()).isEqualTo(vm.diskCid());
    assertThat(disk.stateAsString()).isEqualTo("in-use");
    assertThat(disk.size()).isEqualTo(2);
    assertThat(disk.attachments().get(0).instanceId()).isEqualTo(vm.vmCid());
    assertThat(disk.attachments().get(0).stateAsString()).isEqualTo("attached");
  }

  @Test
  void aDryRunChangesNothing() {
    LocalVm vm = test.vm(0);
    assertThat(code(() -> test.ec2.stopInstances(b -> b.instanceIds(vm.vmCid()).dryRun(true))))
        .isEqualTo("DryRunOperation");
    assertThat(test.iaas.powerState(vm.vmCid()).state()).isEqualTo("running");
  }

  private static String code(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return Failures.ec2Error(call).awsErrorDetails().errorCode();
  }
}
