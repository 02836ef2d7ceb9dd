package io.pgfleet.gateway.clusters;

import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.operation.OperationType;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Stands in for the control plane's coverage workflow under its type name (the gateway calls it
 * untyped). Cluster ids starting with "broken" fail, with "stuck" never answer.
 */
@WorkflowInterface
public interface FakeArchiveCoverageWorkflow {

  long ARCHIVED_AT = 1_700_000_000_000L;

  @WorkflowMethod(name = TemporalBackupWorkflows.COVERAGE_WORKFLOW_TYPE)
  ArchiveCoverage coverage(String clusterId);

  class Impl implements FakeArchiveCoverageWorkflow {
    @Override
    public ArchiveCoverage coverage(String clusterId) {
      if (clusterId.startsWith("broken")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "the object store refused the listing", OperationType.BACKUP.name());
      }
      if (clusterId.startsWith("stuck")) {
        Workflow.await(() -> false);
      }
      return new ArchiveCoverage(
          clusterId,
          List.of(1, 2),
          "000000010000000000000001",
          "000000020000000000000007",
          "0/8000000",
          ARCHIVED_AT);
    }
  }
}
