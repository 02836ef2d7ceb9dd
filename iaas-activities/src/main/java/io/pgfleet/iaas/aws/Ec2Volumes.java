package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.VolumeInfo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Volumes made from snapshots; CreateVolume's own ClientToken makes creating idempotent. */
final class Ec2Volumes {

  private static final String ERROR = "error";

  private final Ec2Client ec2;
  private final Poller poller;

  Ec2Volumes(Ec2Client ec2, Poller poller) {
    this.ec2 = ec2;
    this.poller = poller;
  }

  VolumeInfo createFromSnapshot(CreateVolumeRequest request) {
    if (request.clientToken() == null || request.clientToken().isBlank()) {
      throw Ec2Failures.failure(
          FailureType.INVALID_INPUT,
          "A volume from " + request.snapshotId() + " needs a client token (idempotency)",
          null);
    }
    VolumeInfo created =
        Ec2Views.volume(
            ec2.createVolume(
                b -> {
                  b.snapshotId(request.snapshotId())
                      .availabilityZone(request.availabilityZone())
                      .clientToken(request.clientToken());
                  if (request.tags() != null && !request.tags().isEmpty()) {
                    b.tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.VOLUME)
                            .tags(Ec2Views.toTags(request.tags()))
                            .build());
                  }
                }));
    VolumeInfo ready =
        poller.until(
            "volume " + created.volumeId() + " from " + request.snapshotId(),
            () -> get(created.volumeId()),
            v -> !"creating".equals(v.state()));
    if (ERROR.equals(ready.state())) {
      throw Ec2Failures.failure(
          FailureType.IAAS_REQUEST_REJECTED,
          "Volume " + ready.volumeId() + " from " + request.snapshotId() + " ended in error",
          null);
    }
    return ready;
  }

  VolumeInfo get(String volumeId) {
    return ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().stream()
        .filter(v -> volumeId.equals(v.volumeId()))
        .findFirst()
        .map(Ec2Views::volume)
        .orElseThrow(
            () ->
                Ec2Failures.failure(
                    FailureType.IAAS_NOT_FOUND, "EC2 does not list volume " + volumeId, null));
  }

  void delete(String volumeId) {
    try {
      ec2.deleteVolume(b -> b.volumeId(volumeId));
    } catch (SdkException e) {
      if (!Ec2Failures.isNotFound(e)) {
        throw e;
      }
    }
  }
}
