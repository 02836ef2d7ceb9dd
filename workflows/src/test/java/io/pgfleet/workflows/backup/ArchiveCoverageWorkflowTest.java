package io.pgfleet.workflows.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveCoverageWorkflowTest {

  @Test
  void theCoverageComesFromTheCatalogOnTheControlQueue() {
    BackupCatalogActivities catalog =
        mock(BackupCatalogActivities.class, withSettings().withoutAnnotations());
    ArchiveCoverage coverage =
        new ArchiveCoverage(
            "c-1",
            List.of(1, 2),
            "000000010000000000000003",
            "000000020000000000000007",
            "0/8000000",
            1_700_000_000_000L);
    when(catalog.archiveCoverage("c-1")).thenReturn(coverage);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker control = env.newWorker(ClusterWorkflow.TASK_QUEUE);
      control.registerWorkflowImplementationTypes(ArchiveCoverageWorkflowImpl.class);
      control.registerActivitiesImplementations(catalog);
      env.start();

      ArchiveCoverage read =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ArchiveCoverageWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("archive-coverage/c-1")
                      .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                      .build())
              .coverage("c-1");

      assertThat(read).isEqualTo(coverage);
    }
  }
}
