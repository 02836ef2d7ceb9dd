package io.pgfleet.testenv.cloud.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A deployment: its current manifest text and its instances. */
public record DeploymentRecord(String name, String manifest, List<InstanceRecord> instances) {

  private static final Comparator<InstanceRecord> ORDER =
      Comparator.comparing(InstanceRecord::group).thenComparingInt(InstanceRecord::index);

  public DeploymentRecord {
    instances = instances == null ? List.of() : List.copyOf(instances);
  }

  public Optional<InstanceRecord> instance(String group, int index) {
    return instances.stream()
        .filter(i -> i.group().equals(group) && i.index() == index)
        .findFirst();
  }

  public Optional<InstanceRecord> instanceById(String id) {
    return instances.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  public DeploymentRecord withManifest(String newManifest) {
    return new DeploymentRecord(name, newManifest, instances);
  }

  /** Replaces the instance with the same id, or adds it. */
  public DeploymentRecord withInstance(InstanceRecord instance) {
    List<InstanceRecord> next = new ArrayList<>(instances);
    next.removeIf(i -> i.id().equals(instance.id()));
    next.add(instance);
    next.sort(ORDER);
    return new DeploymentRecord(name, manifest, next);
  }

  public DeploymentRecord withoutInstance(String id) {
    List<InstanceRecord> next = new ArrayList<>(instances);
    next.removeIf(i -> i.id().equals(id));
    return new DeploymentRecord(name, manifest, next);
  }
}
