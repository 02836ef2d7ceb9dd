package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.BoshApiException;
import io.pgfleet.activities.bosh.BoshDirector;
import io.pgfleet.activities.bosh.BoshInstanceDetail;
import io.pgfleet.activities.bosh.BoshOrphanDisk;
import io.pgfleet.activities.bosh.BoshTask;
import io.pgfleet.activities.bosh.BoshTaskFailedException;
import io.pgfleet.activities.bosh.BoshTaskWaiter;
import io.pgfleet.activities.bosh.DeployOptions;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.DeleteOrphanedDiskRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production BOSH client (activities module) against the local cloud's Director: the two must
 * agree on every call pgfleet makes, or the local cloud is not a faithful stand-in.
 */
class BoshDirectorContractIT {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final String NAME = "contract-pg";

  @TempDir Path stateDir;
  private TestCloud test;
  private BoshDirector bosh;
  private BoshTaskWaiter waiter;

  @BeforeEach
  void startCloud() throws Exception {
    test = TestCloud.start(stateDir);
    bosh = test.bosh(POLL);
    waiter = new BoshTaskWaiter(bosh, POLL);
  }

  @AfterEach
  void stopCloud() {
    test.close();
  }

  @Test
  void deployListStopStartAndDelete() {
    BoshTask deployed =
        await(bosh.deploy(TestManifests.cluster(NAME, 2, 3), "op-1/deploy", opts()));
    assertThat(deployed.state()).isEqualTo("done");
    assertThat(bosh.tasksByContextId("op-1/deploy", NAME))
        .extracting(BoshTask::id)
        .containsExactly(deployed.id());

    List<BoshInstanceDetail> instances = bosh.instances(NAME);
    assertThat(instances).hasSize(5);
    assertThat(instances)
        .extracting(BoshInstanceDetail::jobName)
        .containsOnly("postgres", "pgpool");
    assertThat(instances).allSatisfy(i -> assertThat(i.jobState()).isEqualTo("running"));
    assertThat(instances)
        .flatExtracting(BoshInstanceDetail::ips)
        .doesNotHaveDuplicates()
        .allMatch(ip -> ip.startsWith("127.0.") && !ip.startsWith("127.0.0."));

    await(bosh.changeJobState(NAME, "postgres", "1", "stopped", "op-2/stop"));
    assertThat(jobState("postgres", 1)).isEqualTo("stopped");
    await(bosh.changeJobState(NAME, "postgres", "1", "started", "op-2/start"));
    assertThat(jobState("postgres", 1)).isEqualTo("running");

    await(bosh.deleteDeployment(NAME, "op-3/delete", false));
    assertThat(bosh.manifest(NAME)).isEmpty();
    assertThat(bosh.deployments()).isEmpty();
    assertThat(test.launcher.running()).isEmpty();
  }

  @Test
  void orphanedDisksOfADeletedDeploymentAreListedAndDeletedOneTaskEach() {
    await(bosh.deploy(TestManifests.cluster(NAME, 2, 1), "op-1/deploy", opts()));
    await(bosh.deleteDeployment(NAME, "op-2/delete", false));

    List<BoshOrphanDisk> orphans = bosh.orphanedDisks();
    assertThat(orphans)
        .hasSize(2)
        .allSatisfy(
            disk -> {
              assertThat(disk.deploymentName()).isEqualTo(NAME);
              assertThat(disk.instanceName()).startsWith("postgres/");
              assertThat(disk.size()).isEqualTo("2048");
              assertThat(stateDir.resolve("orphaned_disks").resolve(disk.diskCid())).isDirectory();
            });

    // what BoshActivitiesImpl.deleteOrphanedDisks does for each disk of the deployment
    for (BoshOrphanDisk disk : orphans) {
      String contextId = "op-3/delete-disks/" + disk.diskCid();
      BoshTask deleted = await(bosh.deleteOrphanedDisk(disk.diskCid(), contextId));
      assertThat(deleted.state()).isEqualTo("done");
      assertThat(deleted.result()).contains(disk.diskCid());
    }

    assertThat(bosh.orphanedDisks()).isEmpty();
    assertThat(orphans)
        .allSatisfy(
            disk ->
                assertThat(stateDir.resolve("orphaned_disks").resolve(disk.diskCid()))
                    .doesNotExist());
  }

  @Test
  void theActivityDeletesEveryOrphanOfItsDeploymentAndNoOther() {
    await(bosh.deploy(TestManifests.cluster(NAME, 2, 1), "op-1/deploy", opts()));
    await(bosh.deploy(TestManifests.cluster("other-pg", 1, 1), "op-2/deploy", opts()));
    await(bosh.deleteDeployment(NAME, "op-3/delete", false));
    await(bosh.deleteDeployment("other-pg", "op-4/delete", false));
    assertThat(bosh.orphanedDisks()).hasSize(3);

    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new BoshActivitiesImpl(bosh, POLL));
      BoshActivities activities =
          env.newActivityStub(
              BoshActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
      DeleteOrphanedDisksRequest request = new DeleteOrphanedDisksRequest(NAME, "op-5/disks");

      assertThat(activities.deleteOrphanedDisks(request)).isEqualTo(2);
      assertThat(activities.deleteOrphanedDisks(request)).isZero();
    } finally {
      env.close();
    }
    assertThat(bosh.orphanedDisks())
        .extracting(BoshOrphanDisk::deploymentName)
        .containsExactly("other-pg");
  }

  /** What a restore's release does: only the disk it names goes, twice is still success. */
  @Test
  void theActivityDeletesOnlyTheNamedOrphanAndAGoneOneIsSuccess() {
    await(bosh.deploy(TestManifests.cluster(NAME, 2, 1), "op-1/deploy", opts()));
    await(bosh.deleteDeployment(NAME, "op-2/delete", false));
    List<String> orphans = bosh.orphanedDisks().stream().map(BoshOrphanDisk::diskCid).toList();
    assertThat(orphans).hasSize(2);
    String gone = orphans.get(0);

    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new BoshActivitiesImpl(bosh, POLL));
      BoshActivities activities =
          env.newActivityStub(
              BoshActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
      DeleteOrphanedDiskRequest request = new DeleteOrphanedDiskRequest(gone, "op-3/" + gone);

      activities.deleteOrphanedDisk(request);
      activities.deleteOrphanedDisk(request);
    } finally {
      env.close();
    }
    assertThat(bosh.orphanedDisks())
        .extracting(BoshOrphanDisk::diskCid)
        .containsExactly(orphans.get(1));
    assertThat(stateDir.resolve("orphaned_disks").resolve(gone)).doesNotExist();
    assertThat(stateDir.resolve("orphaned_disks").resolve(orphans.get(1))).isDirectory();
  }

  @Test
  void secondDeployOnBusyDeploymentFailsWithTheLockMessage() throws Exception {
    test.launcher.holdStarts();
    long first = bosh.deploy(TestManifests.cluster(NAME, 1, 1), "op-1/deploy", opts());
    test.launcher.awaitHeldStart();
    assertThat(bosh.locks()).isNotEmpty();

    long second = bosh.deploy(TestManifests.cluster(NAME, 1, 1), "op-2/deploy", opts());
    assertThatThrownBy(() -> await(second))
        .isInstanceOfSatisfying(
            BoshTaskFailedException.class, e -> assertThat(e.isLockFailure()).isTrue())
        .hasMessageContaining("Failed to acquire lock for lock:deployment:" + NAME);

    test.launcher.release();
    assertThat(await(first).state()).isEqualTo("done");
    assertThat(bosh.locks()).isEmpty();
  }

  @Test
  void unparseableManifestIsRejectedWith440001() {
    assertThatThrownBy(() -> bosh.deploy("name: [unclosed", "op-1/deploy", opts()))
        .isInstanceOfSatisfying(
            BoshApiException.class, e -> assertThat(e.code()).isEqualTo(440001));
    assertThat(bosh.deployments()).isEmpty();
  }

  @Test
  void manifestWithAnUnknownJobFailsItsTaskAndCreatesNothing() throws Exception {
    String manifest =
        TestManifests.cluster(NAME, 2, 3).replaceFirst("- name: node-agent", "- name: no-such-job");
    long task = bosh.deploy(manifest, "op-1/deploy", opts());

    assertThatThrownBy(() -> await(task))
        .isInstanceOf(BoshTaskFailedException.class)
        .hasMessageContaining("no-such-job");
    assertThat(bosh.deployments()).isEmpty();
    assertThat(test.launcher.started()).isEmpty();
    assertThat(vmDirectories()).isEmpty();
  }

  private BoshTask await(long taskId) {
    return waiter.await(taskId, 0, (id, offset) -> {});
  }

  private String jobState(String group, int index) {
    return bosh.instances(NAME).stream()
        .filter(i -> i.jobName().equals(group) && i.index() == index)
        .findFirst()
        .orElseThrow()
        .jobState();
  }

  private List<Path> vmDirectories() throws Exception {
    Path vms = stateDir.resolve("vms");
    if (!Files.isDirectory(vms)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(vms)) {
      return entries.toList();
    }
  }

  private static DeployOptions opts() {
    return DeployOptions.defaults();
  }
}
