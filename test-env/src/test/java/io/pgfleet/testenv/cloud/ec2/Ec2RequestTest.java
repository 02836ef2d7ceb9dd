package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

/** EC2's Query-protocol parameters: numbered lists, filters, tags and tag specifications. */
class Ec2RequestTest {

  @Test
  void decodesTheFormAndItsNumberedLists() {
    Ec2Request request =
        Ec2Request.parse(
            "Action=DescribeSnapshots&Version=2016-11-15&SnapshotId.1=snap-a&SnapshotId.2=snap-b"
                + "&Filter.1.Name=tag%3Apgfleet%3Acluster&Filter.1.Value.1=a+b&Filter.1.Value.2=c%2A"
                + "&Filter.2.Name=status&Filter.2.Value.1=completed&Force=true&Size=3");

    assertThat(request.action()).isEqualTo("DescribeSnapshots");
    assertThat(request.list("SnapshotId")).containsExactly("snap-a", "snap-b");
    assertThat(request.filters())
        .containsExactly(
            new Ec2Filter("tag:pgfleet:cluster", List.of("a b", "c*")),
            new Ec2Filter("status", List.of("completed")));
    assertThat(request.flag("Force")).isTrue();
    assertThat(request.flag("DryRun")).isFalse();
    assertThat(request.integer("Size")).isEqualTo(3);
    assertThat(request.list("VolumeId")).isEmpty();
  }

  @Test
  void readsTagsAndTheTagSpecificationOfAResourceType() {
    Ec2Request request =
        Ec2Request.parse(
            "Action=CreateSnapshot&VolumeId=disk-1&TagSpecification.1.ResourceType=snapshot"
                + "&TagSpecification.1.Tag.1.Key=pgfleet%3Aclient-token"
                + "&TagSpecification.1.Tag.1.Value=backup-1&TagSpecification.1.Tag.2.Key=empty"
                + "&Tag.1.Key=role&Tag.1.Value=primary");

    assertThat(request.tagSpecification("snapshot"))
        .containsExactly(entry("pgfleet:client-token", "backup-1"), entry("empty", ""));
    assertThat(request.tags("Tag")).containsExactly(entry("role", "primary"));
    Ec2Error wrongType =
        catchThrowableOfType(Ec2Error.class, () -> request.tagSpecification("volume"));
    assertThat(wrongType.code()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void aMissingParameterIsNamedInEc2sWords() {
    Ec2Error error =
        catchThrowableOfType(
            Ec2Error.class, () -> Ec2Request.parse("Action=DeleteVolume").required("VolumeId"));
    assertThat(error.code()).isEqualTo("MissingParameter");
    assertThat(error.getMessage()).isEqualTo("The request must contain the parameter VolumeId");
    assertThat(error.status()).isEqualTo(400);
  }

  @Test
  void aNonNumberIsAnInvalidValue() {
    Ec2Error error =
        catchThrowableOfType(
            Ec2Error.class, () -> Ec2Request.parse("Action=CreateVolume&Size=big").integer("Size"));
    assertThat(error.code()).isEqualTo("InvalidParameterValue");
  }
}
