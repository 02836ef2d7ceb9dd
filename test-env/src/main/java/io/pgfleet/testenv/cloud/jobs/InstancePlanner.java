package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.manifest.Manifest.InstanceGroup;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Compares a deployment's instances with a manifest: instance {@code group/index} keeps its uuid
 * (and VM, disk, address, desired state) while the manifest still asks for it, new indexes get new
 * instances with new uuids, and instances beyond a group's count or of removed groups go.
 */
final class InstancePlanner {

  /**
   * @param kept existing instances the manifest still wants, with placement (az, bootstrap) updated
   * @param added new instances, started, without VM, address or disk yet
   * @param removed instances to delete
   */
  record Plan(
      List<InstanceRecord> kept, List<InstanceRecord> added, List<InstanceRecord> removed) {}

  private InstancePlanner() {}

  static Plan plan(List<InstanceRecord> existing, Manifest manifest) {
    List<InstanceRecord> kept = new ArrayList<>();
    List<InstanceRecord> added = new ArrayList<>();
    for (InstanceGroup group : manifest.instanceGroups()) {
      for (int index = 0; index < group.instances(); index++) {
        String az = az(group, index);
        boolean bootstrap = index == 0;
        Optional<InstanceRecord> current = find(existing, group.name(), index);
        if (current.isPresent()) {
          kept.add(current.get().withPlacement(az, bootstrap));
        } else {
          added.add(
              new InstanceRecord(
                  group.name(),
                  index,
                  UUID.randomUUID().toString(),
                  az,
                  InstanceRecord.STARTED,
                  null,
                  null,
                  null,
                  null,
                  null,
                  0,
                  bootstrap));
        }
      }
    }
    List<InstanceRecord> removed =
        existing.stream().filter(i -> kept.stream().noneMatch(k -> k.id().equals(i.id()))).toList();
    return new Plan(kept, added, removed);
  }

  /** Instances are spread over the group's azs round-robin by index, as BOSH balances them. */
  private static String az(InstanceGroup group, int index) {
    return group.azs().isEmpty() ? null : group.azs().get(index % group.azs().size());
  }

  private static Optional<InstanceRecord> find(
      List<InstanceRecord> existing, String group, int index) {
    return existing.stream().filter(i -> i.group().equals(group) && i.index() == index).findFirst();
  }
}
