package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * pgfleet's restore of a snapshot backup onto one primary, the steps {@code RestoreWorkflow} takes
 * for it: stop PostgreSQL and the instance, a volume from the snapshot attached in place of the
 * disk (the old one orphaned), start, {@code PostgresHost.prepareRestore} with the catalog's label,
 * {@code PostgresHost.awaitRecovery} to the end of the archive (promoted).
 */
@WorkflowInterface
public interface SnapshotRestoreWorkflow {

  /**
   * @param nodeTaskQueue the VM's node agent
   * @param availabilityZone the zone of the instance's current disk
   * @param source the archive the backup's WAL is in
   * @param restoreId names the volume's client token and the BOSH context ids
   */
  record Input(
      String deployment,
      String instanceGroup,
      String instanceId,
      String nodeTaskQueue,
      String snapshotId,
      String availabilityZone,
      String backupLabel,
      String tablespaceMap,
      ArchiveSettings source,
      String restoreId) {}

  /**
   * @param steps "name seconds" per step, workflow clock
   */
  record Result(RecoveryOutcome recovery, String volumeId, List<String> steps) {}

  @WorkflowMethod
  Result restore(Input input);
}
