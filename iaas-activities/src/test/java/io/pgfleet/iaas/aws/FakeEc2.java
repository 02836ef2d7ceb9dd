package io.pgfleet.iaas.aws;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.AttachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.DetachVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DetachVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * An Ec2Client answering from scripts: each Describe returns the next scripted answer (the last one
 * repeats), mutations record their requests or throw a scripted EC2 error.
 */
final class FakeEc2 implements Ec2Client {

  final Deque<String> instanceStates = new ArrayDeque<>();
  final Deque<List<Snapshot>> snapshotAnswers = new ArrayDeque<>();
  final Deque<Volume> volumeAnswers = new ArrayDeque<>();
  final List<Object> calls = new ArrayList<>();
  Ec2Exception stopError;
  Ec2Exception deleteVolumeError;
  Ec2Exception deleteSnapshotError;
  Ec2Exception attachError;
  Ec2Exception detachError;

  static Ec2Exception error(int status, String code) {
    return (Ec2Exception)
        Ec2Exception.builder()
            .statusCode(status)
            .message(code + " happened")
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build())
            .build();
  }

  @Override
  public StopInstancesResponse stopInstances(StopInstancesRequest request) {
    calls.add(request);
    if (stopError != null) {
      throw stopError;
    }
    return StopInstancesResponse.builder().build();
  }

  @Override
  public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
    String state = instanceStates.size() > 1 ? instanceStates.poll() : instanceStates.peek();
    Instance instance =
        Instance.builder()
            .instanceId(request.instanceIds().get(0))
            .state(s -> s.name(state))
            .build();
    return DescribeInstancesResponse.builder()
        .reservations(Reservation.builder().instances(instance).build())
        .build();
  }

  @Override
  public CreateTagsResponse createTags(CreateTagsRequest request) {
    calls.add(request);
    return CreateTagsResponse.builder().build();
  }

  @Override
  public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest request) {
    calls.add(request);
    List<Snapshot> answer =
        snapshotAnswers.size() > 1 ? snapshotAnswers.poll() : snapshotAnswers.peek();
    return DescribeSnapshotsResponse.builder()
        .snapshots(answer == null ? List.of() : answer)
        .build();
  }

  @Override
  public CreateSnapshotResponse createSnapshot(CreateSnapshotRequest request) {
    calls.add(request);
    return CreateSnapshotResponse.builder()
        .snapshotId("snap-new")
        .volumeId(request.volumeId())
        .state("pending")
        .volumeSize(4)
        .build();
  }

  @Override
  public DeleteSnapshotResponse deleteSnapshot(DeleteSnapshotRequest request) {
    calls.add(request);
    if (deleteSnapshotError != null) {
      throw deleteSnapshotError;
    }
    return DeleteSnapshotResponse.builder().build();
  }

  @Override
  public DeleteVolumeResponse deleteVolume(DeleteVolumeRequest request) {
    calls.add(request);
    if (deleteVolumeError != null) {
      throw deleteVolumeError;
    }
    return DeleteVolumeResponse.builder().build();
  }

  @Override
  public DescribeVolumesResponse describeVolumes(DescribeVolumesRequest request) {
    Volume answer = volumeAnswers.size() > 1 ? volumeAnswers.poll() : volumeAnswers.peek();
    return DescribeVolumesResponse.builder()
        .volumes(answer == null ? List.of() : List.of(answer))
        .build();
  }

  @Override
  public AttachVolumeResponse attachVolume(AttachVolumeRequest request) {
    calls.add(request);
    if (attachError != null) {
      throw attachError;
    }
    return AttachVolumeResponse.builder().volumeId(request.volumeId()).state("attaching").build();
  }

  @Override
  public DetachVolumeResponse detachVolume(DetachVolumeRequest request) {
    calls.add(request);
    if (detachError != null) {
      throw detachError;
    }
    return DetachVolumeResponse.builder().volumeId(request.volumeId()).state("detaching").build();
  }

  @Override
  public String serviceName() {
    return "ec2";
  }

  @Override
  public void close() {}
}
