package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.activities.alert.AlertActivitiesImpl;
import io.pgfleet.activities.backup.ConfiguredArchiveRepository;
import io.pgfleet.activities.backup.UnconfiguredBackupCatalog;
import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.ManifestActivitiesImpl;
import io.pgfleet.activities.postgres.BackupSqlActivitiesImpl;
import io.pgfleet.activities.postgres.PostgresSqlActivitiesImpl;
import io.pgfleet.iaas.aws.Ec2IaasActivities;
import io.pgfleet.workers.controlplane.fleet.TemporalFleetActivities;
import io.pgfleet.workflows.backup.ArchiveCoverageWorkflowImpl;
import io.pgfleet.workflows.backup.BackupWorkflowImpl;
import io.pgfleet.workflows.backup.schedule.ScheduledBackupWorkflowImpl;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.cluster.ClusterWorkflowImpl;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflowImpl;
import io.pgfleet.workflows.failover.FailoverWorkflowImpl;
import io.pgfleet.workflows.provision.ProvisionWorkflowImpl;
import io.pgfleet.workflows.restore.RestoreWorkflowImpl;
import io.pgfleet.workflows.rollingupdate.RollingUpdateWorkflowImpl;
import io.pgfleet.workflows.rollout.FleetRolloutWorkflowImpl;
import io.pgfleet.workflows.switchover.SwitchoverWorkflowImpl;
import io.pgfleet.workflows.verify.VerifyBackupWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The worker's Spring context puts every workflow and activity on the control-plane queue. */
class ControlPlaneRegistrationTest {

  /** Lazy: nothing connects to this address. */
  private final WorkflowServiceStubs stubs =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());

  @AfterEach
  void closeStubs() {
    stubs.shutdownNow();
  }

  @Test
  void everyWorkflowAndActivityIsRegistered() {
    WorkerFactory factory = mock(WorkerFactory.class);
    Worker worker = mock(Worker.class);
    when(factory.newWorker(ClusterWorkflow.TASK_QUEUE)).thenReturn(worker);
    when(factory.getWorkflowClient()).thenReturn(WorkflowClient.newInstance(stubs));

    WorkerSettings.activities()
        .withBean(WorkerFactory.class, () -> factory)
        .withUserConfiguration(ScheduleConfiguration.class, ControlPlaneWorker.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              // Array captors take the varargs whole (Mockito 5).
              ArgumentCaptor<Class<?>[]> workflows = ArgumentCaptor.forClass(Class[].class);
              verify(worker).registerWorkflowImplementationTypes(workflows.capture());
              assertThat(workflows.getValue())
                  .containsExactlyInAnyOrder(
                      ClusterWorkflowImpl.class,
                      ProvisionWorkflowImpl.class,
                      DeprovisionWorkflowImpl.class,
                      FailoverWorkflowImpl.class,
                      RestoreWorkflowImpl.class,
                      BackupWorkflowImpl.class,
                      FleetRolloutWorkflowImpl.class,
                      SwitchoverWorkflowImpl.class,
                      ScheduledBackupWorkflowImpl.class,
                      ArchiveCoverageWorkflowImpl.class,
                      VerifyBackupWorkflowImpl.class,
                      RollingUpdateWorkflowImpl.class);
              ArgumentCaptor<Object[]> activities = ArgumentCaptor.forClass(Object[].class);
              verify(worker).registerActivitiesImplementations(activities.capture());
              assertThat(List.of(activities.getValue()))
                  .map(Object::getClass)
                  .containsExactlyInAnyOrder(
                      BoshActivitiesImpl.class,
                      ManifestActivitiesImpl.class,
                      PostgresSqlActivitiesImpl.class,
                      Ec2IaasActivities.class,
                      AlertActivitiesImpl.class,
                      ConfiguredArchiveRepository.class,
                      UnconfiguredBackupCatalog.class,
                      TemporalFleetActivities.class,
                      TemporalBackupSchedules.class,
                      TemporalClusterRequests.class,
                      BackupSqlActivitiesImpl.class);
            });
  }
}
