package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * What provisioning does to a primary before backups can run, as the benchmark needs it: bootstrap
 * PostgreSQL with the small plan's settings and archive its WAL into the cluster's stanza.
 */
@WorkflowInterface
public interface BenchPrimaryWorkflow {

  record Input(
      String clusterId,
      String taskQueue,
      PostgresCredentials credentials,
      ArchiveSettings archive) {}

  @WorkflowMethod
  ArchiveStatus prepare(Input input);
}
