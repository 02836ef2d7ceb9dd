package io.pgfleet.testenv.cloud.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.manifest.Manifest;
import io.pgfleet.testenv.cloud.manifest.ManifestParser;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.TaskContext;
import io.pgfleet.testenv.cloud.task.TaskJob;
import io.pgfleet.testenv.cloud.vm.VmManager;

/**
 * The "retrieve vm-stats" task behind {@code /vms?format=full} and {@code /instances?format=full}:
 * one NDJSON line per instance in the result output, and no result text (BOSH's is empty). It takes
 * no lock, as in BOSH.
 */
final class VmStateJob implements TaskJob {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StateStore store;
  private final VmManager vms;
  private final String deployment;
  private final boolean includeDetached;

  VmStateJob(StateStore store, VmManager vms, String deployment, boolean includeDetached) {
    this.store = store;
    this.vms = vms;
    this.deployment = deployment;
    this.includeDetached = includeDetached;
  }

  @Override
  public String perform(TaskContext context) throws Exception {
    DeploymentRecord record =
        store
            .deployment(deployment)
            .orElseThrow(() -> DirectorError.deploymentNotFound(deployment));
    Manifest manifest = record.manifest() == null ? null : ManifestParser.parse(record.manifest());
    StringBuilder lines = new StringBuilder();
    for (InstanceRecord instance : record.instances()) {
      if (includeDetached || instance.hasVm()) {
        lines.append(JSON.writeValueAsString(InstanceViews.full(instance, manifest, vms)));
        lines.append('\n');
      }
    }
    context.writeResult(lines.toString());
    return null;
  }
}
