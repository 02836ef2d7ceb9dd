package io.pgfleet.workflows.restore;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.SECRETS;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_ID;
import static io.pgfleet.workflows.restore.RestoreFixture.NEWER;
import static io.pgfleet.workflows.restore.RestoreFixture.OPERATION_ID;
import static io.pgfleet.workflows.restore.RestoreFixture.SOURCE_ID;
import static io.pgfleet.workflows.restore.RestoreRollbackTest.OLD_PRIMARY_DISK;
import static io.pgfleet.workflows.restore.RestoreRollbackTest.OLD_STANDBY_DISK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDiskRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class RestoreWorkflowTest {

  static final List<String> STEPS =
      List.of(
          "validate",
          "find disks",
          "stop PostgreSQL",
          "stop instances",
          "create volumes",
          "attach volumes",
          "start instances",
          "prepare restore",
          "recover",
          "build standby",
          "attach pgpool backends",
          "configure archiving",
          "release old disks",
          "record");

  private final RestoreCloud cloud = new RestoreCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void anInPlaceRestoreRunsItsStepsInOrder() {
    RestoreResult result =
        cloud.run("restore-happy", RestoreFixture.inPlace(RecoveryTarget.latest(), null));

    assertThat(result.backup().backupId()).isEqualTo(NEWER);
    assertThat(result.recovery()).isEqualTo(RestoreFixture.RECOVERED);
    assertThat(result.operation().type()).isEqualTo(OperationType.RESTORE);
    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps()).extracting(StepView::name).isEqualTo(STEPS);
    assertThat(result.operation().steps())
        .extracting(StepView::state)
        .containsOnly(OperationState.SUCCEEDED);

    PgpoolHostActivities pgpool = cloud.pgpools.get(0);
    InOrder order = inOrder(cloud.bosh, cloud.iaas, cloud.primary, cloud.standby, pgpool);
    order.verify(cloud.primary).stop(any());
    order.verify(cloud.standby).stop(any());
    order.verify(cloud.bosh, times(2)).changeInstanceState(state(InstanceState.STOPPED));
    order.verify(cloud.iaas, times(2)).createVolumeFromSnapshot(any());
    order.verify(cloud.bosh, times(2)).attachDisk(any());
    order.verify(cloud.bosh, times(2)).changeInstanceState(state(InstanceState.STARTED));
    order.verify(cloud.primary).prepareRestore(any());
    order.verify(cloud.primary).awaitRecovery();
    order.verify(cloud.standby).buildStandby(any());
    order.verify(pgpool).attachBackend(0);
    order.verify(pgpool).attachBackend(1);
    order.verify(cloud.primary).configureArchiving(any());
    order.verify(cloud.standby).configureArchiving(any());
    order.verify(cloud.bosh, times(2)).deleteOrphanedDisk(any());
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
    verify(cloud.iaas, never()).deleteVolume(any());
    verify(cloud.primary, never()).start();
    verify(cloud.primary, never()).adoptRestoredPrimary(any());
  }

  @Test
  void eachNodeGetsAVolumeFromTheSnapshotUnderATokenOfTheOperationAndNode() {
    cloud.run("restore-volumes", RestoreFixture.inPlace(RecoveryTarget.latest(), null));

    ArgumentCaptor<CreateVolumeRequest> volumes =
        ArgumentCaptor.forClass(CreateVolumeRequest.class);
    verify(cloud.iaas, times(2)).createVolumeFromSnapshot(volumes.capture());
    assertThat(volumes.getAllValues())
        .extracting(CreateVolumeRequest::clientToken)
        .containsExactly(
            "restore/" + OPERATION_ID + "/postgres_0", "restore/" + OPERATION_ID + "/postgres_1");
    assertThat(volumes.getAllValues())
        .allSatisfy(
            v -> {
              assertThat(v.snapshotId()).isEqualTo(RestoreFixture.snapshotOf(NEWER));
              assertThat(v.availabilityZone()).isEqualTo(RestoreCloud.ZONE);
              assertThat(v.tags()).containsEntry(RestoreNaming.TAG_RESTORE, OPERATION_ID);
            });
    ArgumentCaptor<AttachDiskRequest> attached = ArgumentCaptor.forClass(AttachDiskRequest.class);
    verify(cloud.bosh, times(2)).attachDisk(attached.capture());
    assertThat(attached.getAllValues())
        .extracting(AttachDiskRequest::instanceId, AttachDiskRequest::diskCid)
        .containsExactly(tuple(PRIMARY_ID, "vol-postgres_0"), tuple(STANDBY_ID, "vol-postgres_1"));
    // only the two old disks this restore replaced, by cid: no other orphan of the deployment
    ArgumentCaptor<DeleteOrphanedDiskRequest> released =
        ArgumentCaptor.forClass(DeleteOrphanedDiskRequest.class);
    verify(cloud.bosh, times(2)).deleteOrphanedDisk(released.capture());
    assertThat(released.getAllValues())
        .extracting(DeleteOrphanedDiskRequest::diskCid, DeleteOrphanedDiskRequest::contextId)
        .containsExactly(
            tuple(OLD_PRIMARY_DISK, OPERATION_ID + "/release/" + OLD_PRIMARY_DISK),
            tuple(OLD_STANDBY_DISK, OPERATION_ID + "/release/" + OLD_STANDBY_DISK));
  }

  @Test
  void withoutABackupIdTheNewestEndingAtOrBeforeTheTimeOrLsnIsRestored() {
    RestoreResult byTime =
        cloud.run(
            "restore-by-time",
            RestoreFixture.inPlace(RestoreFixture.time("2026-11-21T11:59:59Z"), null));
    RestoreResult byLsn =
        cloud.run("restore-by-lsn", RestoreFixture.inPlace(RestoreFixture.lsn("0/9000100"), null));

    assertThat(byTime.backup().backupId()).isEqualTo(RestoreFixture.OLDER);
    assertThat(byLsn.backup().backupId()).isEqualTo(NEWER);
    verify(cloud.iaas, times(2))
        .createVolumeFromSnapshot(
            argThat(v -> v.snapshotId().equals(RestoreFixture.snapshotOf(RestoreFixture.OLDER))));
    verify(cloud.primary)
        .prepareRestore(argThat(in -> in.backupLabel().equals(RestoreFixture.label(NEWER))));
  }

  @Test
  void thePrimaryRecoversFromTheSourceArchiveAndTheStandbyFollowsIt() {
    RecoveryTarget target = RestoreFixture.time("2026-11-21T12:30:00Z");
    cloud.run("restore-prepare", RestoreFixture.inPlace(target, null));

    verify(cloud.primary)
        .prepareRestore(
            new PrepareRestoreInput(
                RestoreFixture.label(NEWER), null, target, RestoreFixture.settings(CLUSTER_ID)));
    ArgumentCaptor<BuildStandbyInput> standby = ArgumentCaptor.forClass(BuildStandbyInput.class);
    verify(cloud.standby).buildStandby(standby.capture());
    assertThat(standby.getValue().primaryHost()).isEqualTo(PRIMARY_IP);
    assertThat(standby.getValue().slotName()).isEqualTo("standby_postgres_1");
    assertThat(standby.getValue().credentials().replicationPassword())
        .isEqualTo(SECRETS.replicationPassword());
    verify(cloud.primary)
        .configureArchiving(ConfigureArchivingInput.async(RestoreFixture.settings(CLUSTER_ID)));
  }

  @Test
  void intoANewClusterTheSourceIsReadAndTheNewClusterArchivesIntoItsOwnStanza() {
    RestoreResult result =
        cloud.run("restore-new", RestoreFixture.intoNewCluster(RecoveryTarget.latest()));

    assertThat(result.backup().clusterId()).isEqualTo(SOURCE_ID);
    verify(cloud.catalog).list(SOURCE_ID);
    verify(cloud.catalog).archiveCoverage(SOURCE_ID);
    verify(cloud.primary)
        .prepareRestore(argThat(in -> in.source().equals(RestoreFixture.settings(SOURCE_ID))));
    verify(cloud.primary)
        .configureArchiving(ConfigureArchivingInput.async(RestoreFixture.settings(CLUSTER_ID)));
    verify(cloud.standby)
        .configureArchiving(ConfigureArchivingInput.async(RestoreFixture.settings(CLUSTER_ID)));
    InOrder order = inOrder(cloud.primary, cloud.standby);
    order.verify(cloud.primary).awaitRecovery();
    order
        .verify(cloud.primary)
        .adoptRestoredPrimary(
            argThat(
                in ->
                    in.clusterId().equals(CLUSTER_ID)
                        && in.credentials().superuserPassword().equals(SECRETS.superuserPassword())
                        && in.credentials()
                            .replicationPassword()
                            .equals(SECRETS.replicationPassword())
                        && in.replicaHosts().size() == 2));
    order.verify(cloud.standby).buildStandby(any());
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .containsSubsequence("recover", "adopt restored data", "build standby");
  }

  @Test
  void aFailedReleaseLeavesTheRestoreDone() {
    doThrow(ApplicationFailure.newNonRetryableFailure("director refused", "BOSH_REQUEST_REJECTED"))
        .when(cloud.bosh)
        .deleteOrphanedDisk(any());

    RestoreResult result =
        cloud.run("restore-release-failed", RestoreFixture.inPlace(RecoveryTarget.latest(), null));

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps())
        .filteredOn(s -> s.name().equals("release old disks"))
        .extracting(StepView::state)
        .containsExactly(OperationState.FAILED);
    verify(cloud.bosh, never()).attachDisk(argThat(r -> r.diskCid().startsWith("disk-")));
  }

  private static InstanceStateRequest state(InstanceState state) {
    return argThat(r -> r != null && r.state() == state);
  }
}
