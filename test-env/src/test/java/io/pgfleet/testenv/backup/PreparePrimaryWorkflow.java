package io.pgfleet.testenv.backup;

import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What provisioning will do before backups can run (not wired there yet): bootstrap the primary and
 * make it archive its WAL into the cluster's stanza, through the VM's node agent.
 */
@WorkflowInterface
public interface PreparePrimaryWorkflow {

  record Input(
      String clusterId,
      String taskQueue,
      PostgresCredentials credentials,
      ArchiveSettings archive) {}

  @WorkflowMethod
  ArchiveStatus prepare(Input input);
}
