package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.cluster.Admission.Verdict;
import io.pgfleet.workflows.cluster.FailureReports.Judgement;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The cluster's entity workflow. Update handlers admit work ({@link Admission}, {@link
 * MaintenanceAdmission}); provision, deprovision, failover, backup, restore and switchover are (and
 * rolling updates) queued and run one at a time by {@link #run} as child workflows; bind and unbind
 * run in their handlers. A restore or switchover stops nodes on purpose, so failure reports
 * meanwhile are only recorded. Failure reports from the data plane queue an automatic failover when
 * they name the primary of a ready cluster, or of one backing up (the backup is then cancelled,
 * {@link BackupRun#cancel}) ({@link FailureReports}). The run continues as new when Temporal
 * suggests it, or after {@link #UPDATES_PER_RUN} Updates (a signal counts as one), once nothing is
 * queued and every handler has finished.
 *
 * <p>{@link #operation} answers with this workflow's record of an operation. For one run by a child
 * that is IN_PROGRESS, the live steps are the child's {@code progress()} query (workflow id {@link
 * ClusterNaming#operationWorkflowId}): workflow code cannot query another workflow.
 */
public class ClusterWorkflowImpl implements ClusterWorkflow {

  /**
   * Each Update adds at least its accepted and completed events, most also an activity or a child;
   * 50 keeps a run's history in the hundreds of events, so a cache eviction replays quickly, long
   * before the server would suggest continuing as new.
   */
  static final int UPDATES_PER_RUN = 50;

  private final Logger log = Workflow.getLogger(ClusterWorkflowImpl.class);
  private final ClusterEntity cluster;
  private final int updatesPerRun;
  private final OperationQueue queue;
  private final ChildOperations children;
  private final BackupRun backupRun;
  private final RestoreRun restores;
  private final SwitchoverRun switchovers;
  private final RollingUpdateRun updates;
  private final BackupVerifications verifications;
  private final ArchiveHealthLog archiving;
  private final BindingRoles roles;
  private final FailoverTriggers triggers = new FailoverTriggers();
  private int updatesThisRun;

  @WorkflowInit
  public ClusterWorkflowImpl(ClusterWorkflowInput input) {
    this(input, UPDATES_PER_RUN);
  }

  /** For tests that need continue-as-new after a few Updates. */
  ClusterWorkflowImpl(ClusterWorkflowInput input, int updatesPerRun) {
    this.cluster = ClusterEntity.from(input);
    this.updatesPerRun = updatesPerRun;
    this.queue = new OperationQueue(cluster);
    Alerts alerts = new Alerts(cluster);
    this.backupRun = new BackupRun(cluster, alerts);
    this.restores = new RestoreRun(cluster, alerts);
    this.switchovers = new SwitchoverRun(cluster, alerts);
    this.updates = new RollingUpdateRun(cluster, alerts);
    this.verifications = new BackupVerifications(cluster, alerts);
    this.archiving = new ArchiveHealthLog(cluster, alerts);
    this.children =
        new ChildOperations(
            cluster,
            new FailoverRun(cluster, triggers, alerts),
            backupRun,
            restores,
            switchovers,
            updates);
    this.roles = new BindingRoles(cluster);
  }

  @Override
  public void run(ClusterWorkflowInput input) {
    while (cluster.phase != ClusterPhase.DELETED) {
      Workflow.await(() -> !queue.isEmpty() || continueAsNewDue());
      if (!queue.isEmpty()) {
        children.run(queue.poll());
        continue;
      }
      Workflow.await(() -> Workflow.isEveryHandlerFinished() || !queue.isEmpty());
      if (queue.isEmpty()) {
        log.info("cluster {} continues as new after {} updates", cluster.clusterId, updatesThisRun);
        Workflow.continueAsNew(new ClusterWorkflowInput(cluster.clusterId, cluster.snapshot()));
      }
    }
    // Repeated deprovision requests may still be answering.
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  private boolean continueAsNewDue() {
    return updatesThisRun >= updatesPerRun || Workflow.getInfo().isContinueAsNewSuggested();
  }

  @Override
  public void validateProvision(ProvisionRequest request) {
    Admission.provision(cluster, request);
  }

  @Override
  public OperationReceipt provision(ProvisionRequest request) {
    return queue(
        request.operationId(),
        () -> Admission.provision(cluster, request),
        OperationType.PROVISION,
        ClusterPhase.PROVISIONING,
        () -> {
          cluster.serviceId = request.serviceId();
          cluster.planId = request.planId();
          cluster.parameters = ClusterEntity.orEmpty(request.parameters());
          cluster.context = ClusterEntity.orEmpty(request.context());
          cluster.secrets = Secrets.cluster();
          cluster.restoredFrom = MaintenanceAdmission.normalized(request.restoreFrom());
        });
  }

  @Override
  public void validateDeprovision(DeprovisionRequest request) {
    Admission.deprovision(cluster, request);
  }

  @Override
  public OperationReceipt deprovision(DeprovisionRequest request) {
    return queue(
        request.operationId(),
        () -> Admission.deprovision(cluster, request),
        OperationType.DEPROVISION,
        ClusterPhase.DEPROVISIONING,
        () -> {});
  }

  @Override
  public void validateBind(BindRequest request) {
    Admission.bind(cluster, request);
  }

  @Override
  public BindingCredentials bind(BindRequest request) {
    updatesThisRun++;
    // A repeat of a bind still running waits for it and answers with the same credentials.
    Workflow.await(() -> cluster.bindingWork.get(request.bindingId()) != OperationType.BIND);
    admit(() -> Admission.bind(cluster, request));
    return roles.bind(request.bindingId());
  }

  @Override
  public void validateUnbind(UnbindRequest request) {
    Admission.unbind(cluster, request);
  }

  @Override
  public void unbind(UnbindRequest request) {
    updatesThisRun++;
    // A repeat of an unbind still running waits for it, then finds the binding gone.
    Workflow.await(() -> cluster.bindingWork.get(request.bindingId()) != OperationType.UNBIND);
    admit(() -> Admission.unbind(cluster, request));
    roles.unbind(request.bindingId());
  }

  @Override
  public void validateFailover(FailoverRequest request) {
    Admission.failover(cluster, request);
  }

  @Override
  public OperationReceipt failover(FailoverRequest request) {
    return queue(
        request.operationId(),
        () -> Admission.failover(cluster, request),
        OperationType.FAILOVER,
        ClusterPhase.FAILING_OVER,
        () -> triggers.manual(request.operationId(), request, Workflow.currentTimeMillis()));
  }

  @Override
  public void validateRestore(RestoreRequest request) {
    MaintenanceAdmission.restore(cluster, request);
  }

  @Override
  public OperationReceipt restore(RestoreRequest request) {
    return queue(
        request.operationId(),
        () -> MaintenanceAdmission.restore(cluster, request),
        OperationType.RESTORE,
        ClusterPhase.RESTORING,
        () -> restores.accepted(request));
  }

  @Override
  public void validateSwitchover(SwitchoverRequest request) {
    MaintenanceAdmission.switchover(cluster, request);
  }

  @Override
  public OperationReceipt switchover(SwitchoverRequest request) {
    return queue(
        request.operationId(),
        () -> MaintenanceAdmission.switchover(cluster, request),
        OperationType.SWITCHOVER,
        ClusterPhase.SWITCHING_OVER,
        () -> switchovers.accepted(request));
  }

  @Override
  public void validateRollingUpdate(RollingUpdateRequest request) {
    UpdateAdmission.rollingUpdate(cluster, request);
  }

  @Override
  public OperationReceipt rollingUpdate(RollingUpdateRequest request) {
    return queue(
        request.operationId(),
        () -> UpdateAdmission.rollingUpdate(cluster, request),
        OperationType.ROLLING_UPDATE,
        ClusterPhase.UPDATING,
        () -> updates.accepted(request));
  }

  @Override
  public String maintenanceWindow() {
    return cluster.parameters.get(MAINTENANCE_WINDOW_PARAMETER);
  }

  @Override
  public void backupVerified(BackupVerification verification) {
    // Signals grow the history as Updates do; count them toward the run's bound.
    updatesThisRun++;
    verifications.record(verification);
  }

  @Override
  public void archiveHealth(ArchiveHealth report) {
    updatesThisRun++;
    archiving.record(report);
  }

  @Override
  public void backupsRemoved(List<String> backupIds) {
    updatesThisRun++;
    cluster.backups.remove(backupIds);
  }

  @Override
  public void validateBackup(BackupRequest request) {
    Admission.backup(cluster, request);
  }

  @Override
  public OperationReceipt backup(BackupRequest request) {
    return queue(
        request.operationId(),
        () -> Admission.backup(cluster, request),
        OperationType.BACKUP,
        ClusterPhase.BACKING_UP,
        () ->
            cluster.backups.put(
                BackupSummary.requested(
                    request.operationId(), request.modeOrDefault(), Workflow.currentTimeMillis())));
  }

  @Override
  public void reportFailure(DataPlaneReport report) {
    // Reports grow the history as Updates do; count them toward the run's bound.
    updatesThisRun++;
    Judgement judgement = FailureReports.judge(cluster, report, triggers.pending());
    switch (judgement.action()) {
      case START -> {
        String operationId = "failover-" + Workflow.randomUUID();
        log.warn(
            "cluster {}: {}; failover {} queued", cluster.clusterId, judgement.why(), operationId);
        triggers.automatic(operationId, report);
        queue.add(operationId, OperationType.FAILOVER, ClusterPhase.FAILING_OVER);
        backupRun.cancel("failover " + operationId + " replaces the primary");
      }
      case ADD -> {
        log.info("cluster {}: report {}", cluster.clusterId, judgement.why());
        triggers.add(report);
      }
      case IGNORE -> log.info("cluster {}: report ignored: {}", cluster.clusterId, judgement.why());
    }
  }

  @Override
  public ClusterView view() {
    return ClusterViews.of(cluster);
  }

  @Override
  public Topology topology() {
    return cluster.topology;
  }

  @Override
  public List<BackupSummary> backups() {
    return cluster.backups.views();
  }

  @Override
  public OperationView operation(String operationId) {
    return cluster.operations.find(operationId).orElse(null);
  }

  /**
   * An Update that queues an operation for the main loop: admitted again in the handler, a repeat
   * answered with the first receipt, otherwise {@code accepted} records what the request brings and
   * the operation is queued.
   */
  private OperationReceipt queue(
      String operationId,
      Supplier<Verdict> rule,
      OperationType type,
      ClusterPhase next,
      Runnable accepted) {
    updatesThisRun++;
    Verdict verdict = admit(rule);
    if (verdict.duplicate()) {
      return new OperationReceipt(verdict.duplicateOf(), true);
    }
    accepted.run();
    queue.add(operationId, type, next);
    return new OperationReceipt(operationId, false);
  }

  /**
   * Re-checks in the handler what the validator checked: Updates validated in the same workflow
   * task all saw the state before any of them ran. A request that no longer fits fails its Update
   * with the validator's words.
   */
  private static Verdict admit(Supplier<Verdict> rule) {
    try {
      return rule.get();
    } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.getClass().getName());
    }
  }
}
