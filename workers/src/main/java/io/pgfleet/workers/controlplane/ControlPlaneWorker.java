package io.pgfleet.workers.controlplane;

import io.pgfleet.activities.alert.AlertActivitiesImpl;
import io.pgfleet.activities.backup.ConfiguredArchiveRepository;
import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.ManifestActivitiesImpl;
import io.pgfleet.activities.postgres.BackupSqlActivitiesImpl;
import io.pgfleet.activities.postgres.PostgresSqlActivitiesImpl;
import io.pgfleet.iaas.aws.Ec2IaasActivities;
import io.pgfleet.workers.controlplane.fleet.TemporalFleetActivities;
import io.pgfleet.workflows.backup.ArchiveCoverageWorkflowImpl;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
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
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Registers every workflow and control-plane activity on {@link ClusterWorkflow#TASK_QUEUE}. */
@Component
class ControlPlaneWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneWorker.class);

  private final WorkerFactory factory;
  private final ControlPlaneProperties properties;
  private final AlertActivitiesImpl alerts;
  private final ConfiguredArchiveRepository archiveRepository;

  ControlPlaneWorker(
      WorkerFactory factory,
      ControlPlaneProperties properties,
      BoshActivitiesImpl bosh,
      ManifestActivitiesImpl manifests,
      PostgresSqlActivitiesImpl sql,
      Ec2IaasActivities iaas,
      AlertActivitiesImpl alerts,
      ConfiguredArchiveRepository archiveRepository,
      BackupCatalogActivities catalog,
      TemporalBackupSchedules schedules,
      TemporalClusterRequests clusterRequests,
      BackupSqlActivitiesImpl backupSql) {
    this.factory = factory;
    this.properties = properties;
    this.alerts = alerts;
    Worker worker = factory.newWorker(ClusterWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
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
    worker.registerActivitiesImplementations(
        bosh,
        manifests,
        sql,
        iaas,
        alerts,
        archiveRepository,
        catalog,
        schedules,
        clusterRequests,
        new TemporalFleetActivities(factory.getWorkflowClient()),
        backupSql);
    this.archiveRepository = archiveRepository;
  }

  /** Polling starts only when the whole context is up, so no task meets a half-built worker. */
  @EventListener(ApplicationReadyEvent.class)
  void start() {
    factory.start();
    LOG.info(
        "control-plane worker ready: task queue {} on {} namespace {}, BOSH {}, IaaS {}",
        ClusterWorkflow.TASK_QUEUE,
        properties.temporal().address(),
        properties.temporal().namespace(),
        properties.bosh().url(),
        properties.iaas().ec2());
    if (archiveRepository.configured()) {
      LOG.info("backup repository: {}", archiveRepository);
    } else {
      LOG.warn(
          "no backup repository (pgfleet.backup.repository.*): clusters are provisioned without"
              + " WAL archiving and backups are refused");
    }
    if (alerts.channelNames().size() == 1) {
      LOG.warn(
          "alerts are only logged: set pgfleet.alerts.webhook-urls or pgfleet.alerts.smtp.host"
              + " so operators hear about failovers and clusters that need them");
    } else {
      LOG.info("alerts go to: {}", String.join(", ", alerts.channelNames()));
    }
  }
}
