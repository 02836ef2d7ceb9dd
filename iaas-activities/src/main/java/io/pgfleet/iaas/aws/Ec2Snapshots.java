package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Snapshots. EC2's CreateSnapshot has no ClientToken, so the token is a tag written atomically with
 * the snapshot (TagSpecifications) and looked up before creating.
 */
final class Ec2Snapshots {

  static final String CLIENT_TOKEN_TAG = "pgfleet:client-token";

  /** Only our own snapshots: without it DescribeSnapshots also searches every public one. */
  private static final String OWNER_SELF = "self";

  private final Ec2Client ec2;
  private final Poller poller;

  Ec2Snapshots(Ec2Client ec2, Poller poller) {
    this.ec2 = ec2;
    this.poller = poller;
  }

  SnapshotInfo create(CreateSnapshotRequest request) {
    if (request.clientToken() == null || request.clientToken().isBlank()) {
      throw Ec2Failures.failure(
          FailureType.INVALID_INPUT,
          "A snapshot of " + request.diskCid() + " needs a client token (idempotency)",
          null);
    }
    Optional<Snapshot> earlier = byClientToken(request.clientToken());
    if (earlier.isPresent()) {
      return Ec2Views.snapshot(earlier.get());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    if (request.tags() != null) {
      tags.putAll(request.tags());
    }
    tags.put(CLIENT_TOKEN_TAG, request.clientToken());
    return Ec2Views.snapshot(
        ec2.createSnapshot(
            b ->
                b.volumeId(request.diskCid())
                    .description(request.description())
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.SNAPSHOT)
                            .tags(Ec2Views.toTags(tags))
                            .build())));
  }

  SnapshotInfo get(String snapshotId) {
    return ec2.describeSnapshots(b -> b.snapshotIds(snapshotId)).snapshots().stream()
        .filter(s -> snapshotId.equals(s.snapshotId()))
        .findFirst()
        .map(Ec2Views::snapshot)
        .orElseThrow(
            () ->
                Ec2Failures.failure(
                    FailureType.IAAS_NOT_FOUND, "EC2 does not list snapshot " + snapshotId, null));
  }

  SnapshotInfo await(String snapshotId) {
    SnapshotInfo done =
        poller.until(
            "snapshot " + snapshotId,
            () -> get(snapshotId),
            s -> s.completed() || SnapshotInfo.ERROR.equals(s.state()));
    if (!done.completed()) {
      throw Ec2Failures.failure(
          FailureType.IAAS_REQUEST_REJECTED,
          "Snapshot " + snapshotId + " of " + done.diskCid() + " ended in state " + done.state(),
          null);
    }
    return done;
  }

  void delete(String snapshotId) {
    try {
      ec2.deleteSnapshot(b -> b.snapshotId(snapshotId));
    } catch (SdkException e) {
      if (!Ec2Failures.isNotFound(e)) {
        throw e;
      }
    }
  }

  /** A failed snapshot does not count: a retry with its token makes a new one. */
  private Optional<Snapshot> byClientToken(String token) {
    Filter byToken = Filter.builder().name("tag:" + CLIENT_TOKEN_TAG).values(token).build();
    return ec2.describeSnapshots(b -> b.ownerIds(OWNER_SELF).filters(byToken)).snapshots().stream()
        .filter(s -> !SnapshotInfo.ERROR.equals(s.stateAsString()))
        .findFirst();
  }
}
