package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.bosh.BoshOrphanDisk;
import io.pgfleet.activities.bosh.BoshTaskFailedException;
import io.pgfleet.activities.bosh.BoshTaskWaiter;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.iaas.CreateSnapshotRequest;
import io.pgfleet.workflows.iaas.CreateVolumeRequest;
import io.pgfleet.workflows.iaas.SnapshotInfo;
import io.pgfleet.workflows.iaas.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore's disk step end to end: a snapshot of postgres/0's disk, a volume made from it through
 * the EC2 adapter, handed to the stopped instance with BOSH's {@code PUT /disks/:cid/attachments}
 * (through BoshActivitiesImpl); the old disk becomes an orphan and can be attached back.
 */
class BoshDiskAttachIT {

  @TempDir Path stateDir;
  private Ec2TestCloud test;
  private LocalVm vm0;
  private VolumeInfo restored;

  @BeforeEach
  void volumeFromASnapshot() throws Exception {
    test = Ec2TestCloud.deployed(stateDir);
    vm0 = test.vm(0);
    Files.createDirectories(vm0.storeDir().resolve("data"));
    Files.writeString(vm0.storeDir().resolve("data/rows"), "1,2,3");
    SnapshotInfo snapshot =
        test.iaas.createSnapshot(
            new CreateSnapshotRequest(vm0.diskCid(), "base backup", Map.of(), "backup-1"));
    Files.writeString(vm0.storeDir().resolve("data/rows"), "1,2,3,4 (after the snapshot)");
    restored =
        test.iaas.createVolumeFromSnapshot(
            new CreateVolumeRequest(snapshot.snapshotId(), "z1", Map.of(), "restore-1/pg0"));
  }

  @AfterEach
  void cleanUp() {
    test.close();
  }

  @Test
  void theStoppedInstanceStartsOnTheSnapshotsDataAndItsOldDiskIsAnOrphan() throws Exception {
    state(InstanceState.STOPPED);

    BoshTaskOutcome outcome = attach(restored.volumeId(), "restore-1/attach/pg0");

    assertThat(outcome.state()).isEqualTo("done");
    assertThat(outcome.result())
        .isEqualTo(
            "attached disk '%s' to 'postgres/%s' in deployment 'pg'"
                .formatted(restored.volumeId(), vm0.instanceId()));
    assertThat(test.director().task(outcome.taskId()).description())
        .isEqualTo("attach disk '%s' to 'postgres/%s'", restored.volumeId(), vm0.instanceId());
    BoshOrphanDisk orphan = single(test.director().orphanedDisks());
    assertThat(orphan.diskCid()).isEqualTo(vm0.diskCid());
    assertThat(orphan.deploymentName()).isEqualTo("pg");
    assertThat(orphan.instanceName()).isEqualTo("postgres/" + vm0.instanceId());
    assertThat(orphan.size()).isEqualTo("2048");
    assertThat(stateDir.resolve("orphaned_disks").resolve(vm0.diskCid()).resolve("data/rows"))
        .hasContent("1,2,3,4 (after the snapshot)");

    state(InstanceState.STARTED);

    Path store = stateDir.resolve("disks").resolve(restored.volumeId());
    assertThat(test.agents.isRunning(vm0.instanceId())).isTrue();
    assertThat(test.agentConfig(0).storeDir()).isEqualTo(store);
    assertThat(test.vm(0).storeDir().resolve("data/rows")).hasContent("1,2,3");
    BoshInstance instance = test.bosh.instances("pg").get(0);
    assertThat(instance.diskCids()).containsExactly(restored.volumeId());
    VolumeInfo inUse = test.iaas.volume(restored.volumeId());
    assertThat(inUse.state()).isEqualTo("in-use");
    assertThat(inUse.attachedTo()).isEqualTo(test.vm(0).vmCid());
    assertThat(test.iaas.volume(vm0.diskCid()).state()).isEqualTo("available");
  }

  @Test
  void attachingTwiceIsOneChangeAndAttachingTheOrphanBackUndoesIt() throws Exception {
    state(InstanceState.DETACHED);
    BoshTaskOutcome first = attach(restored.volumeId(), "restore-2/attach/pg0");
    assertThat(attach(restored.volumeId(), "restore-2/attach/pg0"))
        .as("the same context id resumes the same task")
        .isEqualTo(first);
    assertThat(attach(restored.volumeId(), "restore-2/attach/pg0/again").state())
        .as("the disk the instance has already")
        .isEqualTo("done");
    assertThat(test.director().orphanedDisks()).hasSize(1);

    attach(vm0.diskCid(), "restore-2/rollback/pg0");

    assertThat(single(test.director().orphanedDisks()).diskCid()).isEqualTo(restored.volumeId());
    assertThat(stateDir.resolve("orphaned_disks").resolve(vm0.diskCid())).doesNotExist();
    state(InstanceState.STARTED);
    assertThat(test.vm(0).diskCid()).isEqualTo(vm0.diskCid());
    assertThat(test.agentConfig(0).storeDir().resolve("data/rows"))
        .hasContent("1,2,3,4 (after the snapshot)");
  }

  @Test
  void refusalsEndTheTaskWithBoshsCodesAndChangeNothing() {
    HttpBoshDirector director = test.director();
    String uuid = vm0.instanceId();
    String volume = restored.volumeId();

    assertThat(failed(director.attachDisk("pg", "postgres", uuid, volume, null)))
        .contains("520003")
        .contains("Instance 'postgres/" + uuid + "' in deployment 'pg' must be in 'bosh stopped'");
    state(InstanceState.STOPPED);
    String unknownUuid = "00000000-0000-4000-8000-000000000000";
    assertThat(failed(director.attachDisk("pg", "postgres", unknownUuid, volume, null)))
        .contains("520001")
        .contains("Instance 'postgres/" + unknownUuid + "' in deployment 'pg' was not found");
    assertThat(failed(director.attachDisk("pg", "postgres", uuid, "disk-00000000000000000", null)))
        .contains("Disk 'disk-00000000000000000' not found");
    assertThat(failed(director.attachDisk("pg", "postgres", uuid, "../orphaned_disks", null)))
        .as("a cid never names a path")
        .contains("Disk '../orphaned_disks' not found");
    String other = test.vm(1).diskCid();
    assertThat(failed(director.attachDisk("pg", "postgres", uuid, other, null)))
        .contains("is the persistent disk of instance 'pg: postgres/" + test.vm(1).instanceId());
    var rejected =
        Failures.activityFailure(
            () ->
                test.bosh.attachDisk(
                    new AttachDiskRequest("no-such-pg", "postgres", uuid, volume, "c-9")));
    assertThat(rejected.getType()).isEqualTo("BOSH_REQUEST_REJECTED");
    assertThat(rejected.getOriginalMessage()).contains("Deployment 'no-such-pg' doesn't exist");

    assertThat(test.vm(0).diskCid()).isEqualTo(vm0.diskCid());
    assertThat(test.director().orphanedDisks()).isEmpty();
    assertThat(test.iaas.volume(volume).state()).isEqualTo("available");
  }

  private BoshTaskOutcome attach(String diskCid, String contextId) {
    return test.bosh.attachDisk(
        new AttachDiskRequest("pg", "postgres", vm0.instanceId(), diskCid, contextId));
  }

  private void state(InstanceState state) {
    test.bosh.changeInstanceState(
        new InstanceStateRequest("pg", "postgres", "0", state, "op/" + state));
  }

  /** The task's failure as the client reports it: code and message of the last error event. */
  private String failed(long taskId) {
    BoshTaskFailedException failure = catchFailure(taskId);
    return failure.lastErrorCode() + " " + failure.lastErrorMessage();
  }

  private BoshTaskFailedException catchFailure(long taskId) {
    try {
      new BoshTaskWaiter(test.director(), Ec2TestCloud.TASK_POLL)
          .await(taskId, 0, (id, offset) -> {});
    } catch (BoshTaskFailedException e) {
      return e;
    }
    throw new AssertionError("task " + taskId + " succeeded");
  }

  private static BoshOrphanDisk single(List<BoshOrphanDisk> orphans) {
    assertThat(orphans).hasSize(1);
    return orphans.get(0);
  }
}
