package io.pgfleet.testenv.cloud.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the EC2 API remembers beyond the Director's state, as one immutable value: snapshots,
 * volumes made from them, and the tags of any resource (instances and BOSH's disks included).
 */
record Ec2State(
    List<SnapshotRecord> snapshots,
    List<VolumeRecord> volumes,
    Map<String, Map<String, String>> tags) {

  Ec2State {
    snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  static Ec2State empty() {
    return new Ec2State(List.of(), List.of(), Map.of());
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
    return new Ec2State(next, volumes, tags);
  }

  Ec2State withoutSnapshot(String id) {
    return new Ec2State(without(snapshots, s -> s.snapshotId().equals(id)), volumes, tags)
        .withoutTags(id);
  }

  Ec2State withVolume(VolumeRecord volume) {
    List<VolumeRecord> next = new ArrayList<>(volumes);
    next.removeIf(v -> v.volumeId().equals(volume.volumeId()));
    next.add(volume);
    return new Ec2State(snapshots, next, tags);
  }

  Ec2State withoutVolume(String id) {
    return new Ec2State(snapshots, without(volumes, v -> v.volumeId().equals(id)), tags)
        .withoutTags(id);
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
    return new Ec2State(snapshots, volumes, next);
  }

  Ec2State withoutTags(String resourceId) {
    Map<String, Map<String, String>> next = new LinkedHashMap<>(tags);
    next.remove(resourceId);
    return new Ec2State(snapshots, volumes, next);
  }

  private static <T> List<T> without(List<T> list, Predicate<T> match) {
    List<T> next = new ArrayList<>(list);
    next.removeIf(match);
    return next;
  }
}
