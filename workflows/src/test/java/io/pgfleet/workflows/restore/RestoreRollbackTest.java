package io.pgfleet.workflows.restore;

import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;
import static io.pgfleet.workflows.restore.RestoreFixture.OPERATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDiskRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * A failure before the release puts the old data back: the old disks attached again (instances
 * stopped first), the old primary started before the old standby, the pgpool backends attached, and
 * the new volumes deleted; the workflow fails with OPERATION_FAILED naming the step.
 */
class RestoreRollbackTest {

  static final String OLD_PRIMARY_DISK = "disk-" + PRIMARY_ID;
  static final String OLD_STANDBY_DISK = "disk-" + STANDBY_ID;

  private final RestoreCloud cloud = new RestoreCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void aTargetRecoveryCannotReachPutsTheOldDataBack() {
    when(cloud.primary.awaitRecovery()).thenThrow(RestoreFixture.notReached());

    ApplicationFailure failure = run("restore-not-reached");

    assertThat(failure.getType()).isEqualTo(FailureType.OPERATION_FAILED.name());
    assertThat(failure.getOriginalMessage())
        .startsWith("recover failed: FATAL:  recovery ended before configured recovery target")
        .endsWith("rolled back: the old data runs again");
    OperationView view = failure.getDetails().get(OperationView.class);
    assertThat(view.steps())
        .extracting(StepView::name)
        .containsSubsequence(
            "recover",
            "rollback: stop restored PostgreSQL",
            "rollback: stop instances",
            "rollback: attach old disks",
            "rollback: start instances",
            "rollback: start old primary",
            "rollback: start old standby",
            "rollback: attach pgpool backends",
            "rollback: delete new volumes");

    PgpoolHostActivities pgpool = cloud.pgpools.get(2);
    InOrder order = inOrder(cloud.bosh, cloud.iaas, cloud.primary, cloud.standby, pgpool);
    order.verify(cloud.primary).awaitRecovery();
    order.verify(cloud.standby).stop(any());
    order.verify(cloud.primary).stop(any());
    order.verify(cloud.bosh, times(2)).changeInstanceState(state(InstanceState.STOPPED));
    order.verify(cloud.bosh).attachDisk(attach(PRIMARY_ID, OLD_PRIMARY_DISK));
    order.verify(cloud.bosh).attachDisk(attach(STANDBY_ID, OLD_STANDBY_DISK));
    order.verify(cloud.bosh, times(2)).changeInstanceState(state(InstanceState.STARTED));
    order.verify(cloud.primary).start();
    order.verify(cloud.standby).start();
    order.verify(pgpool).attachBackend(0);
    order.verify(pgpool).attachBackend(1);
    order
        .verify(cloud.bosh)
        .deleteOrphanedDisk(
            new DeleteOrphanedDiskRequest(
                "vol-postgres_0", OPERATION_ID + "/rollback/orphans/vol-postgres_0"));
    order
        .verify(cloud.bosh)
        .deleteOrphanedDisk(
            new DeleteOrphanedDiskRequest(
                "vol-postgres_1", OPERATION_ID + "/rollback/orphans/vol-postgres_1"));
    order.verify(cloud.iaas).deleteVolume("vol-postgres_0");
    order.verify(cloud.iaas).deleteVolume("vol-postgres_1");
    verify(cloud.standby, never()).buildStandby(any());
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
    verify(cloud.bosh, never())
        .deleteOrphanedDisk(argThat(r -> r != null && r.contextId().contains("/release/")));
  }

  @Test
  void anOldDiskThatCannotBeAttachedAgainIsNeverDeleted() {
    when(cloud.primary.awaitRecovery()).thenThrow(RestoreFixture.notReached());
    when(cloud.bosh.attachDisk(argThat(r -> r != null && r.diskCid().startsWith("disk-"))))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure("attach_disk failed", "BOSH_TASK_FAILED"));

    ApplicationFailure failure = run("restore-reattach-failed");

    assertThat(failure.getType()).isEqualTo(FailureType.OPERATION_FAILED.name());
    assertThat(failure.getOriginalMessage())
        .contains("rollback incomplete")
        .contains("attach old disks: attach_disk failed")
        .contains(OLD_PRIMARY_DISK)
        .contains("kept for an operator");
    verify(cloud.bosh).attachDisk(attach(PRIMARY_ID, OLD_PRIMARY_DISK));
    verify(cloud.bosh).attachDisk(attach(STANDBY_ID, OLD_STANDBY_DISK));
    verify(cloud.bosh, never()).deleteOrphanedDisk(any());
    verify(cloud.iaas, never()).deleteVolume(anyString());
    verify(cloud.primary, never()).start();
  }

  @Test
  void aVolumeThatCouldNotBeMadeLeavesTheOldDisksInPlace() {
    doThrow(ApplicationFailure.newNonRetryableFailure("snapshot gone", "IAAS_NOT_FOUND"))
        .when(cloud.iaas)
        .createVolumeFromSnapshot(
            argThat(r -> r != null && r.clientToken().endsWith("postgres_1")));

    ApplicationFailure failure = run("restore-volume-failed");

    assertThat(failure.getOriginalMessage()).startsWith("create volumes failed: snapshot gone");
    verify(cloud.bosh, never()).attachDisk(any());
    verify(cloud.bosh, times(2)).changeInstanceState(state(InstanceState.STARTED));
    verify(cloud.primary).start();
    verify(cloud.standby).start();
    verify(cloud.iaas).deleteVolume("vol-postgres_0");
    verify(cloud.bosh, never()).deleteOrphanedDisk(any());
    verify(cloud.iaas, times(2)).createVolumeFromSnapshot(any(CreateVolumeRequest.class));
  }

  private ApplicationFailure run(String workflowId) {
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> cloud.run(workflowId, RestoreFixture.inPlace(RecoveryTarget.latest(), null)));
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getDetails().get(OperationView.class).state())
        .isEqualTo(OperationState.FAILED);
    return failure;
  }

  private static InstanceStateRequest state(InstanceState state) {
    return argThat(r -> r != null && r.state() == state);
  }

  private static AttachDiskRequest attach(String instanceId, String diskCid) {
    return argThat(
        r -> r != null && r.instanceId().equals(instanceId) && r.diskCid().equals(diskCid));
  }
}
