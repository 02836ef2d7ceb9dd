package io.pgfleet.testenv.cloud.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the Director remembers, as one immutable value: the state store swaps it whole and
 * writes it to disk on every change.
 *
 * @param uuid the Director's uuid, stable across restarts
 * @param nextTaskId the id the next task gets
 */
public record DirectorState(
    String uuid,
    long nextTaskId,
    List<TaskRecord> tasks,
    List<DeploymentRecord> deployments,
    List<OrphanDiskRecord> orphanDisks) {

  /** An instance whose persistent disk a disk is, with its deployment. */
  public record DiskHolder(String deployment, InstanceRecord instance) {

    /** "deployment: group/uuid", how errors name it. */
    public String label() {
      return deployment + ": " + instance.group() + "/" + instance.id();
    }
  }

  /** BOSH keeps the last 2000 tasks (director.max_tasks); older ones are forgotten. */
  public static final int MAX_TASKS = 2000;

  public DirectorState {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    orphanDisks = orphanDisks == null ? List.of() : List.copyOf(orphanDisks);
  }

  public static DirectorState empty(String uuid) {
    return new DirectorState(uuid, 1, List.of(), List.of(), List.of());
  }

  public Optional<TaskRecord> task(long id) {
    return tasks.stream().filter(t -> t.id() == id).findFirst();
  }

  public Optional<DeploymentRecord> deployment(String name) {
    return deployments.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The instance (of any deployment) whose persistent disk this is, if any. */
  public Optional<DiskHolder> diskHolder(String diskCid) {
    for (DeploymentRecord d : deployments) {
      for (InstanceRecord i : d.instances()) {
        if (diskCid.equals(i.diskCid())) {
          return Optional.of(new DiskHolder(d.name(), i));
        }
      }
    }
    return Optional.empty();
  }

  public Optional<OrphanDiskRecord> orphanDisk(String diskCid) {
    return orphanDisks.stream().filter(o -> o.diskCid().equals(diskCid)).findFirst();
  }

  /** Addresses of every instance, with or without a VM: none of them may be handed out again. */
  public Set<String> addressesInUse() {
    return deployments.stream()
        .flatMap(d -> d.instances().stream())
        .map(InstanceRecord::address)
        .filter(a -> a != null)
        .collect(Collectors.toSet());
  }

  /**
   * Adds a new task with the next id; drops the oldest finished tasks beyond {@link #MAX_TASKS}.
   */
  public DirectorState withNewTask(TaskRecord task) {
    List<TaskRecord> next = new ArrayList<>(tasks);
    next.add(task);
    while (next.size() > MAX_TASKS && !next.get(0).isRunning()) {
      next.remove(0);
    }
    return new DirectorState(uuid, task.id() + 1, next, deployments, orphanDisks);
  }

  public DirectorState withTask(TaskRecord task) {
    List<TaskRecord> next = new ArrayList<>(tasks);
    next.replaceAll(t -> t.id() == task.id() ? task : t);
    return new DirectorState(uuid, nextTaskId, next, deployments, orphanDisks);
  }

  public DirectorState withDeployment(DeploymentRecord deployment) {
    List<DeploymentRecord> next = new ArrayList<>(deployments);
    next.removeIf(d -> d.name().equals(deployment.name()));
    next.add(deployment);
    next.sort(Comparator.comparing(DeploymentRecord::name));
    return new DirectorState(uuid, nextTaskId, tasks, next, orphanDisks);
  }

  public DirectorState withoutDeployment(String name) {
    List<DeploymentRecord> next = new ArrayList<>(deployments);
    next.removeIf(d -> d.name().equals(name));
    return new DirectorState(uuid, nextTaskId, tasks, next, orphanDisks);
  }

  public DirectorState withOrphanDisk(OrphanDiskRecord disk) {
    List<OrphanDiskRecord> next = new ArrayList<>(orphanDisks);
    next.add(disk);
    return new DirectorState(uuid, nextTaskId, tasks, deployments, next);
  }

  public DirectorState withoutOrphanDisk(String diskCid) {
    List<OrphanDiskRecord> next = new ArrayList<>(orphanDisks);
    next.removeIf(d -> d.diskCid().equals(diskCid));
    return new DirectorState(uuid, nextTaskId, tasks, deployments, next);
  }
}
