package io.pgfleet.testenv.cloud.jobs;

import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.EventLog;
import io.pgfleet.testenv.cloud.task.TaskContext;
import io.pgfleet.testenv.cloud.task.TaskJob;
import io.pgfleet.testenv.cloud.vm.VmManager;
import java.util.List;

/**
 * {@code DELETE /orphan_disks/:cid}: the disk's directory, then its record. Like BOSH, a cid that
 * is not (or no longer) an orphaned disk is only logged, and the task still succeeds; a directory
 * already gone counts as deleted. No deployment lock: orphaned disks belong to no deployment.
 */
final class DeleteOrphanDisksJob implements TaskJob {

  private final StateStore store;
  private final VmManager vms;
  private final List<String> diskCids;

  DeleteOrphanDisksJob(StateStore store, VmManager vms, List<String> diskCids) {
    this.store = store;
    this.vms = vms;
    this.diskCids = List.copyOf(diskCids);
  }

  @Override
  public String perform(TaskContext context) throws Exception {
    EventLog.Stage stage =
        context.events().beginStage("Deleting orphaned disks", diskCids.size(), List.of());
    for (String cid : diskCids) {
      context.checkpoint();
      stage.run("Deleting orphaned disk " + cid, () -> delete(context, cid));
    }
    return "orphaned disk(s) " + String.join(", ", diskCids) + " deleted";
  }

  private void delete(TaskContext context, String cid) throws Exception {
    boolean orphaned = store.get().orphanDisks().stream().anyMatch(d -> d.diskCid().equals(cid));
    if (!orphaned) {
      // Only recorded orphans are deleted: a made-up cid never names a path to remove.
      context.debug("Disk not found: " + cid);
      return;
    }
    vms.deleteOrphanedDisk(cid);
    store.update(s -> s.withoutOrphanDisk(cid));
  }
}
