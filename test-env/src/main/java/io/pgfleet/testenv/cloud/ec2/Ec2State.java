package io.pgfleet.testenv.cloud.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the EC2 API remembers beyond the Director's state, as one immutable value: snapshots,
 * volumes made from them or detached through it, the tags of any resource (instances and BOSH's
 * disks included), and the device names AttachVolume was given (which volume is attached where is
 * the Director's record: an instance's persistent disk).
 *
 * @param devices volume id to the device name of its AttachVolume; absent means {@link
 *     #DEFAULT_DEVICE}
 */
record Ec2State(
    List<SnapshotRecord> snapshots,
    List<VolumeRecord> volumes,
    Map<String, Map<String, String>> tags,
    Map<String, String> devices) {

  /** Where BOSH's AWS CPI attaches the first persistent disk. */
  static final String DEFAULT_DEVICE = "/dev/sdf";

  Ec2State {
    snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    devices = devices == null ? Map.of() : Map.copyOf(devices);
  }

  static Ec2State empty() {
    return new Ec2State(List.of(), List.of(), Map.of(), Map.of());
  }

  String deviceOf(String volumeId) {
    return devices.getOrDefault(volumeId, DEFAULT_DEVICE);
  }

  /** Records the device of an attachment, or forgets it (null) when the volume is detached. */
  Ec2State withDevice(String volumeId, String device) {
    Map<String, String> next = new LinkedHashMap<>(devices);
    if (device == null) {
      next.remove(volumeId);
    } else {
      next.put(volumeId, device);
    }
    return new Ec2State(snapshots, volumes, tags, next);
  }

  Optional<SnapshotRecord> snapshot(String id) {
    return snapshots.stream().filter(s -> s.snapshotId().equals(id)).findFirst();
  }

  Optional<VolumeRecord> volume(String id) {
    return volumes.stream().filter(v -> v.volumeId().equals(id)).findFirst();
  }

  Map<String, String> tagsOf(String resourceId) {
    return tags.getOrDefault(resourceId, Map.of());
  }

  Ec2State withSnapshot(SnapshotRecord snapshot) {
    List<SnapshotRecord> next = new ArrayList<>(snapshots);
    next.removeIf(s -> s.snapshotId().equals(snapshot.snapshotId()));
    next.add(snapshot);
    return new Ec2State(next, volumes, tags, devices);
  }

  Ec2State withoutSnapshot(String id) {
    return new Ec2State(without(snapshots, s -> s.snapshotId().equals(id)), volumes, tags, devices)
        .withoutTags(id);
  }

  Ec2State withVolume(VolumeRecord volume) {
    List<VolumeRecord> next = new ArrayList<>(volumes);
    next.removeIf(v -> v.volumeId().equals(volume.volumeId()));
    next.add(volume);
    return new Ec2State(snapshots, next, tags, devices);
  }

  Ec2State withoutVolume(String id) {
    return new Ec2State(snapshots, without(volumes, v -> v.volumeId().equals(id)), tags, devices)
        .withoutTags(id)
        .withDevice(id, null);
  }

  /** Adds or overwrites tags of a resource, as CreateTags does. */
  Ec2State withTags(String resourceId, Map<String, String> added) {
    if (added.isEmpty()) {
      return this;
    }
    Map<String, Map<String, String>> next = new LinkedHashMap<>(tags);
    Map<String, String> merged = new LinkedHashMap<>(tagsOf(resourceId));
    merged.putAll(added);
    next.put(resourceId, Map.copyOf(merged));
    return new Ec2State(snapshots, volumes, next, devices);
  }

  Ec2State withoutTags(String resourceId) {
    Map<String, Map<String, String>> next = new LinkedHashMap<>(tags);
    next.remove(resourceId);
    return new Ec2State(snapshots, volumes, next, devices);
  }

  private static <T> List<T> without(List<T> list, Predicate<T> match) {
    List<T> next = new ArrayList<>(list);
    next.removeIf(match);
    return next;
  }
}
