package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.DeleteOrphanedDiskRequest;
import io.pgfleet.workflows.bosh.DeleteOrphanedDisksRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BoshActivitiesImpl.deleteOrphanedDisks against a Director double. */
class BoshOrphanDisksTest {

  private static final DeleteOrphanedDisksRequest REQUEST =
      new DeleteOrphanedDisksRequest("pg-1", "op-7/delete-disks");

  /** Two orphans of pg-1, one of another deployment that must stay. */
  private static final String ORPHANS =
      """
      [{"disk_cid":"vol-a","size":10240,"az":"z1","deployment_name":"pg-1",
        "instance_name":"postgres/uuid-0","cloud_properties":{},"orphaned_at":"2026-11-22 01:00:00 UTC"},
       {"disk_cid":"vol-x","size":10240,"az":"z1","deployment_name":"pg-10",
        "instance_name":"postgres/uuid-9","cloud_properties":{},"orphaned_at":"2026-11-22 01:00:00 UTC"},
       {"disk_cid":"vol-b","size":10240,"az":"z2","deployment_name":"pg-1",
        "instance_name":"postgres/uuid-1","cloud_properties":{},"orphaned_at":"2026-11-22 01:00:01 UTC"}]""";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RouteDispatcher bosh =
      new RouteDispatcher()
          .on("GET /info", Bosh.json(Bosh.BASIC_INFO))
          .on("GET /tasks", Bosh.json("[]"))
          .on("GET /tasks/42/output", Bosh.noContent())
          .on("GET /tasks/43/output", Bosh.noContent());
  private TestActivityEnvironment env;
  private BoshActivities activities;

  @BeforeEach
  void setUp() {
    server.setDispatcher(bosh);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new BoshActivitiesImpl(Bosh.director(server), Bosh.FAST_POLL));
    activities =
        env.newActivityStub(
            BoshActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(20))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void deletesOnlyTheNamedOrphanWithoutListingTheOthers() {
    bosh.on("DELETE /orphan_disks/vol-a", Bosh.redirectToTask(42));
    bosh.on("GET /tasks/42", Bosh.task(42, "done", "orphaned disk(s) vol-a deleted"));

    activities.deleteOrphanedDisk(new DeleteOrphanedDiskRequest("vol-a", "op-7/release/vol-a"));

    assertThat(bosh.requests("DELETE /orphan_disks/"))
        .extracting(RecordedRequest::getTarget)
        .containsExactly("/orphan_disks/vol-a");
    assertThat(bosh.requests("DELETE /orphan_disks/"))
        .extracting(r -> r.getHeaders().get("X-Bosh-Context-Id"))
        .containsExactly("op-7/release/vol-a");
    assertThat(bosh.requests("GET /orphan_disks")).isEmpty();
  }

  @Test
  void aFailedDeleteNamesTheDiskAndTask() {
    bosh.on("DELETE /orphan_disks/vol-a", Bosh.redirectToTask(42));
    bosh.on("GET /tasks/42", Bosh.task(42, "error", "disk is busy"));

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class,
            () ->
                activities.deleteOrphanedDisk(
                    new DeleteOrphanedDiskRequest("vol-a", "op-7/release/vol-a")));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getOriginalMessage()).contains("orphaned disk vol-a", "task 42");
  }

  /** One attempt runs a task per disk: the first task's heartbeat must not pass for the second. */
  @Test
  void deletesEveryOrphanOfTheDeploymentWithOneTaskEachAndLeavesOthersAlone() {
    bosh.on("GET /orphan_disks", Bosh.json(ORPHANS));
    bosh.on("DELETE /orphan_disks/vol-a", Bosh.redirectToTask(42));
    bosh.on("DELETE /orphan_disks/vol-b", Bosh.redirectToTask(43));
    bosh.on("GET /tasks/42", Bosh.task(42, "done", "orphaned disk(s) vol-a deleted"));
    bosh.on("GET /tasks/43", Bosh.task(43, "done", "orphaned disk(s) vol-b deleted"));

    int deleted = activities.deleteOrphanedDisks(REQUEST);

    assertThat(deleted).isEqualTo(2);
    assertThat(bosh.requests("DELETE /orphan_disks/"))
        .extracting(RecordedRequest::getTarget)
        .containsExactly("/orphan_disks/vol-a", "/orphan_disks/vol-b");
    assertThat(bosh.requests("DELETE /orphan_disks/"))
        .extracting(r -> r.getHeaders().get("X-Bosh-Context-Id"))
        .containsExactly("op-7/delete-disks/vol-a", "op-7/delete-disks/vol-b");
  }

  @Test
  void aRetryDeletesWhatIsLeftInsteadOfResumingTheHeartbeatsTask() {
    bosh.on("GET /orphan_disks", Bosh.json(ORPHANS));
    bosh.on("DELETE /orphan_disks/vol-a", Bosh.redirectToTask(43));
    bosh.on("DELETE /orphan_disks/vol-b", Bosh.redirectToTask(43));
    bosh.on("GET /tasks/42", Bosh.task(42, "done", "orphaned disk(s) vol-x deleted"));
    bosh.on("GET /tasks/43", Bosh.task(43, "done", "orphaned disk(s) deleted"));
    env.setHeartbeatDetails(new TaskProgress(42, 0));

    assertThat(activities.deleteOrphanedDisks(REQUEST)).isEqualTo(2);
    assertThat(bosh.requests("DELETE /orphan_disks/")).hasSize(2);
    assertThat(bosh.requests("GET /tasks/42")).isEmpty();
  }

  @Test
  void noOrphansLeftIsSuccessWithoutAnyDelete() {
    bosh.on("GET /orphan_disks", Bosh.json("[]"));

    assertThat(activities.deleteOrphanedDisks(REQUEST)).isZero();
    assertThat(bosh.requests("DELETE ")).isEmpty();
  }

  @Test
  void aFailedDeleteTaskIsNonRetryableAndNamesTheDisk() {
    bosh.on("GET /orphan_disks", Bosh.json(ORPHANS));
    bosh.on("DELETE /orphan_disks/vol-a", Bosh.redirectToTask(42));
    bosh.on("GET /tasks/42", Bosh.task(42, "error", "CPI error: volume vol-a is attached"));

    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> activities.deleteOrphanedDisks(REQUEST));

    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureType.BOSH_TASK_FAILED.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).contains("orphaned disk vol-a", "task 42");
    assertThat(bosh.requests("DELETE /orphan_disks/vol-b"))
        .as("stops at the first failure")
        .isEmpty();
  }

  @Test
  void anUnreachableDirectorIsRetryable() {
    bosh.on("GET /orphan_disks", Bosh.text(503, ""));

    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> activities.deleteOrphanedDisks(REQUEST));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureType.BOSH_UNAVAILABLE.name());
    assertThat(cause.isNonRetryable()).isFalse();
    assertThat(cause.getOriginalMessage()).contains("orphaned disks of deployment pg-1");
  }
}
