package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.manifest.ManifestParser;
import io.pgfleet.testenv.cloud.manifest.ManifestValidator;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.EventLog;
import io.pgfleet.testenv.cloud.task.TaskContext;
import java.util.List;

/**
 * Brings a deployment to its manifest, in the Director's stages: "Preparing deployment" (all
 * checks; nothing exists yet if they fail), "Deleting unneeded instances", "Creating missing vms"
 * (every address is known before any job renders its links), then "Updating instance" per group.
 * Instances keep their desired state: a stopped or detached instance stays so. Ignored instances
 * are left alone (no VM created, no job rendered or restarted), as BOSH's InstanceGroupUpdater
 * skips them; they pick the manifest up at their next state change once unignored. Runs under the
 * deployment lock, which the caller holds.
 */
final class DeploymentConverger {

  private final StateStore store;
  private final InstanceActions actions;

  DeploymentConverger(StateStore store, InstanceActions actions) {
    this.store = store;
    this.actions = actions;
  }

  Manifest converge(TaskContext context, String deployment, String manifestText) throws Exception {
    EventLog events = context.events();
    Manifest manifest =
        events
            .beginStage("Preparing deployment", 1, List.of())
            .track("Preparing deployment", () -> prepare(manifestText));
    DeploymentRecord current =
        store.deployment(deployment).orElse(new DeploymentRecord(deployment, null, List.of()));
    InstancePlanner.Plan plan = InstancePlanner.plan(current.instances(), manifest);
    store.update(s -> s.withDeployment(current.withManifest(manifestText)));
    context.checkpoint();

    deleteUnneeded(context, deployment, plan.removed());
    for (InstanceRecord instance : plan.kept()) {
      store.putInstance(deployment, instance);
    }
    for (InstanceRecord instance : plan.added()) {
      store.putInstance(deployment, instance);
    }
    createMissingVms(context, deployment, manifest);
    for (Manifest.InstanceGroup group : manifest.instanceGroups()) {
      updateGroup(context, deployment, manifest, group);
    }
    return manifest;
  }

  private static Manifest prepare(String manifestText) {
    Manifest manifest = ManifestParser.parse(manifestText);
    ManifestValidator.validate(manifest);
    return manifest;
  }

  private void deleteUnneeded(TaskContext context, String deployment, List<InstanceRecord> removed)
      throws Exception {
    if (removed.isEmpty()) {
      return;
    }
    EventLog.Stage stage =
        context.events().beginStage("Deleting unneeded instances", removed.size(), List.of());
    for (InstanceRecord instance : removed) {
      stage.run(instance.label(), () -> actions.delete(deployment, instance));
    }
  }

  private void createMissingVms(TaskContext context, String deployment, Manifest manifest)
      throws Exception {
    List<InstanceRecord> missing =
        instances(deployment).stream()
            .filter(i -> !i.hasVm() && !InstanceRecord.DETACHED.equals(i.state()))
            .filter(i -> !i.ignore())
            .toList();
    if (missing.isEmpty()) {
      return;
    }
    EventLog.Stage stage =
        context.events().beginStage("Creating missing vms", missing.size(), List.of());
    for (InstanceRecord instance : missing) {
      context.checkpoint();
      stage.run(instance.label(), () -> actions.provision(deployment, manifest, instance));
    }
  }

  private void updateGroup(
      TaskContext context, String deployment, Manifest manifest, Manifest.InstanceGroup group)
      throws Exception {
    List<InstanceRecord> members =
        instances(deployment).stream()
            .filter(i -> i.group().equals(group.name()) && !i.ignore())
            .toList();
    if (members.isEmpty()) {
      return;
    }
    EventLog.Stage stage =
        context.events().beginStage("Updating instance", members.size(), List.of(group.name()));
    int canaries = manifest.canaries();
    for (int n = 0; n < members.size(); n++) {
      context.checkpoint();
      InstanceRecord instance = members.get(n);
      String label = instance.label() + (n < canaries ? " (canary)" : "");
      stage.run(label, () -> update(deployment, manifest, instance));
    }
  }

  private void update(String deployment, Manifest manifest, InstanceRecord instance)
      throws Exception {
    switch (instance.state()) {
      case InstanceRecord.STARTED ->
          actions.startJobs(
              deployment, manifest, actions.migrateDiskIfResized(deployment, manifest, instance));
      case InstanceRecord.STOPPED -> actions.stop(deployment, manifest, instance);
      default -> {
        // detached: no VM to update
      }
    }
  }

  private List<InstanceRecord> instances(String deployment) {
    return store.deployment(deployment).map(DeploymentRecord::instances).orElse(List.of());
  }
}
