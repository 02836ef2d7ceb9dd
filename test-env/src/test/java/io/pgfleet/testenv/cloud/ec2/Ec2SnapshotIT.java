package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.iaas.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/** Snapshots of a VM's disk and volumes from them, through the EC2 adapter. */
class Ec2SnapshotIT {

  private static final Map<String, String> TAGS = Map.of("pgfleet:cluster", "pg");

  @TempDir Path stateDir;
  private Ec2TestCloud test;
  private LocalVm vm;

  @BeforeEach
  void deploy() throws Exception {
    test = Ec2TestCloud.deployed(stateDir);
    vm = test.vm(0);
    Files.createDirectories(vm.storeDir().resolve("data/base"));
    Files.writeString(vm.storeDir().resolve("data/PG_VERSION"), "15\n");
    Files.writeString(vm.storeDir().resolve("data/base/1"), "before");
  }

  @AfterEach
  void cleanUp() {
    test.close();
  }

  @Test
  void aSnapshotIsTheDiskAtSnapshotTimeAndAVolumeFromItHasThatContent() throws Exception {
    SnapshotInfo created = test.iaas.createSnapshot(request("backup-1"));
    Files.writeString(vm.storeDir().resolve("data/base/1"), "after");
    Files.writeString(vm.storeDir().resolve("data/later"), "written after the snapshot");

    SnapshotInfo completed = test.iaas.awaitSnapshot(created.snapshotId());
    assertThat(completed.snapshotId()).startsWith("snap-").hasSize("snap-".length() + 17);
    assertThat(completed.state()).isEqualTo("completed");
    assertThat(completed.diskCid()).isEqualTo(vm.diskCid());
    assertThat(completed.sizeGb()).isEqualTo(2);
    assertThat(completed.tags()).containsAllEntriesOf(TAGS);
    assertThat(completed.startedAtMillis()).isPositive();
    assertThat(test.iaas.createSnapshot(request("backup-1")).snapshotId())
        .as("same client token, same snapshot")
        .isEqualTo(created.snapshotId());

    VolumeInfo volume = test.iaas.createVolumeFromSnapshot(volumeRequest(created, "restore-1"));
    assertThat(volume.volumeId()).startsWith("disk-");
    assertThat(volume.state()).isEqualTo("available");
    assertThat(volume.snapshotId()).isEqualTo(created.snapshotId());
    assertThat(volume.attachedTo()).isNull();
    assertThat(volume.sizeGb()).isEqualTo(2);
    assertThat(test.iaas.createVolumeFromSnapshot(volumeRequest(created, "restore-1")).volumeId())
        .as("same client token, same volume")
        .isEqualTo(volume.volumeId());
    Path restored = stateDir.resolve("disks").resolve(volume.volumeId());
    assertThat(Files.readString(restored.resolve("data/base/1"))).isEqualTo("before");
    assertThat(restored.resolve("data/later")).doesNotExist();
    assertThat(Files.getOwner(restored.resolve("data/PG_VERSION")))
        .isEqualTo(Files.getOwner(vm.storeDir().resolve("data/PG_VERSION")));
  }

  @Test
  void deletesAreIdempotentAndAnAttachedDiskIsNotDeleted() {
    SnapshotInfo snapshot = test.iaas.createSnapshot(request("backup-2"));
    VolumeInfo volume = test.iaas.createVolumeFromSnapshot(volumeRequest(snapshot, "restore-2"));

    VolumeInfo attached = test.iaas.volume(vm.diskCid());
    assertThat(attached.state()).isEqualTo("in-use");
    assertThat(attached.attachedTo()).isEqualTo(vm.vmCid());
    var inUse = Failures.activityFailure(() -> test.iaas.deleteVolume(vm.diskCid()));
    assertThat(inUse.getType()).isEqualTo(FailureType.IAAS_REQUEST_REJECTED.name());
    assertThat(inUse.getOriginalMessage()).contains("VolumeInUse").contains(vm.vmCid());
    assertThat(vm.storeDir().resolve("data/PG_VERSION")).exists();

    test.iaas.deleteVolume(volume.volumeId());
    test.iaas.deleteVolume(volume.volumeId());
    assertThat(stateDir.resolve("disks").resolve(volume.volumeId())).doesNotExist();
    var volumeGone = Failures.activityFailure(() -> test.iaas.volume(volume.volumeId()));
    assertThat(volumeGone.getType()).isEqualTo(FailureType.IAAS_NOT_FOUND.name());
    assertThat(volumeGone.getOriginalMessage()).contains("InvalidVolume.NotFound");

    test.iaas.deleteSnapshot(snapshot.snapshotId());
    test.iaas.deleteSnapshot(snapshot.snapshotId());
    assertThat(stateDir.resolve("snapshots").resolve(snapshot.snapshotId())).doesNotExist();
    var snapshotGone = Failures.activityFailure(() -> test.iaas.snapshot(snapshot.snapshotId()));
    assertThat(snapshotGone.getType()).isEqualTo(FailureType.IAAS_NOT_FOUND.name());
    assertThat(snapshotGone.getOriginalMessage()).contains("InvalidSnapshot.NotFound");
  }

  @Test
  void snapshotsAndTheirTagsSurviveARestart() throws Exception {
    SnapshotInfo snapshot =
        test.iaas.awaitSnapshot(test.iaas.createSnapshot(request("b-3")).snapshotId());
    test.close();

    test = test.restarted();

    assertThat(test.iaas.snapshot(snapshot.snapshotId())).isEqualTo(snapshot);
    Filter byCluster = Filter.builder().name("tag:pgfleet:cluster").values("pg").build();
    assertThat(test.ec2.describeSnapshots(b -> b.ownerIds("self").filters(byCluster)).snapshots())
        .extracting(Snapshot::snapshotId)
        .containsExactly(snapshot.snapshotId());
    VolumeInfo volume = test.iaas.createVolumeFromSnapshot(volumeRequest(snapshot, "restore-3"));
    assertThat(stateDir.resolve("disks").resolve(volume.volumeId()).resolve("data/base/1"))
        .hasContent("before");
  }

  private CreateSnapshotRequest request(String token) {
    return new CreateSnapshotRequest(vm.diskCid(), "base backup " + token, TAGS, token);
  }

  private static CreateVolumeRequest volumeRequest(SnapshotInfo snapshot, String token) {
    return new CreateVolumeRequest(
        snapshot.snapshotId(), "z1", Map.of("pgfleet:restore", token), token);
  }
}
