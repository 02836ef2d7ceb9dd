package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.iaas.VolumeInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/** EC2's shapes as the port's records. */
final class Ec2Views {

  private Ec2Views() {}

  static SnapshotInfo snapshot(Snapshot s) {
    return new SnapshotInfo(
        s.snapshotId(),
        s.volumeId(),
        s.stateAsString(),
        millis(s.startTime()),
        intOrZero(s.volumeSize()),
        tags(s.tags()));
  }

  static SnapshotInfo snapshot(CreateSnapshotResponse s) {
    return new SnapshotInfo(
        s.snapshotId(),
        s.volumeId(),
        s.stateAsString(),
        millis(s.startTime()),
        intOrZero(s.volumeSize()),
        tags(s.tags()));
  }

  static VolumeInfo volume(Volume v) {
    String attachedTo = liveAttachment(v).map(VolumeAttachment::instanceId).orElse(null);
    return new VolumeInfo(
        v.volumeId(),
        emptyToNull(v.snapshotId()),
        v.availabilityZone(),
        v.stateAsString(),
        intOrZero(v.size()),
        attachedTo,
        tags(v.tags()));
  }

  /** The state of the volume's attachment (attaching, attached, detaching), or null. */
  static String attachmentState(Volume v) {
    return liveAttachment(v).map(VolumeAttachment::stateAsString).orElse(null);
  }

  /** An attachment that is not over: EC2 may list a detached one for a while. */
  private static Optional<VolumeAttachment> liveAttachment(Volume v) {
    return v.attachments().stream().filter(a -> !"detached".equals(a.stateAsString())).findFirst();
  }

  static VolumeInfo volume(CreateVolumeResponse v) {
    return new VolumeInfo(
        v.volumeId(),
        emptyToNull(v.snapshotId()),
        v.availabilityZone(),
        v.stateAsString(),
        intOrZero(v.size()),
        null,
        tags(v.tags()));
  }

  static List<Tag> toTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }

  private static long millis(Instant instant) {
    return instant == null ? 0 : instant.toEpochMilli();
  }

  private static int intOrZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
