package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.AttachDiskRequest;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BoshActivitiesImpl.attachDisk: PUT /disks/:cid/attachments and the attach_disk task. */
class BoshAttachDiskTest {

  private static final String UUID = "9f1c2b3a-0000-4000-8000-00000000000a";
  private static final String CONTEXT_ID = "restore-3/attach/postgres-0";
  private static final AttachDiskRequest REQUEST =
      new AttachDiskRequest("pg-1", "postgres", UUID, "vol-new", CONTEXT_ID);
  private static final String ATTACH_ROUTE = "PUT /disks/vol-new/attachments";
  private static final String DONE =
      "attached disk 'vol-new' to 'postgres/" + UUID + "' in deployment 'pg-1'";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RouteDispatcher bosh =
      new RouteDispatcher()
          .on("GET /info", Bosh.json(Bosh.BASIC_INFO))
          .on("GET /tasks", Bosh.json("[]"))
          .on("GET /tasks/42/output", Bosh.noContent());
  private final List<TaskProgress> heartbeats = new CopyOnWriteArrayList<>();
  private TestActivityEnvironment env;
  private BoshActivities activities;

  @BeforeEach
  void setUp() {
    server.setDispatcher(bosh);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new BoshActivitiesImpl(Bosh.director(server), Bosh.FAST_POLL));
    env.setActivityHeartbeatListener(TaskProgress.class, heartbeats::add);
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
  void putsTheAttachmentWithCopiedPropertiesAndWaitsForTheTask() {
    bosh.on(ATTACH_ROUTE, Bosh.redirectToTask(42));
    bosh.on("GET /tasks/42", Bosh.task(42, "processing", null), Bosh.task(42, "done", DONE));

    BoshTaskOutcome outcome = activities.attachDisk(REQUEST);

    assertThat(outcome).isEqualTo(new BoshTaskOutcome(42, "done", DONE));
    RecordedRequest put = bosh.requests(ATTACH_ROUTE).get(0);
    assertThat(put.getUrl().queryParameter("deployment")).isEqualTo("pg-1");
    assertThat(put.getUrl().queryParameter("job")).isEqualTo("postgres");
    assertThat(put.getUrl().queryParameter("instance_id")).isEqualTo(UUID);
    assertThat(put.getUrl().queryParameter("disk_properties")).isEqualTo("copy");
    assertThat(put.getHeaders().get("X-Bosh-Context-Id")).isEqualTo(CONTEXT_ID);
    assertThat(put.getBodySize()).isZero();
    assertThat(heartbeats).isNotEmpty().allMatch(beat -> beat.taskId() == 42);
  }

  @Test
  void aRetryFindsTheTaskByContextIdInsteadOfAttachingAgain() {
    bosh.on(
        "GET /tasks", Bosh.json("[" + Bosh.taskJson(42, "done", DONE, "pg-1", CONTEXT_ID) + "]"));
    bosh.on("GET /tasks/42", Bosh.task(42, "done", DONE));

    assertThat(activities.attachDisk(REQUEST).taskId()).isEqualTo(42);
    assertThat(bosh.requests("PUT ")).isEmpty();
    assertThat(bosh.requests("GET /tasks?").get(0).getUrl().queryParameter("deployment"))
        .isEqualTo("pg-1");
  }

  @Test
  void aRunningInstanceFailsTheTaskNonRetryablyWithBoshsWords() {
    String error =
        "Instance 'postgres/" + UUID + "' in deployment 'pg-1' must be in 'bosh stopped'";
    EventLog events =
        new EventLog()
            .append("{\"time\":1,\"error\":{\"code\":520003,\"message\":\"" + error + "\"}}");
    bosh.on(ATTACH_ROUTE, Bosh.redirectToTask(42));
    bosh.on("GET /tasks/42", Bosh.task(42, "error", error));
    bosh.on("GET /tasks/42/output", events::serve);

    ApplicationFailure failure = failure(() -> activities.attachDisk(REQUEST));

    assertThat(failure.getType()).isEqualTo(FailureType.BOSH_TASK_FAILED.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("vol-new", "task 42", "bosh stopped");
  }

  @Test
  void anUnknownDeploymentIsRejectedWithoutATask() {
    bosh.on(
        ATTACH_ROUTE,
        new MockResponse.Builder()
            .code(404)
            .body("{\"code\":70000,\"description\":\"Deployment 'pg-1' doesn't exist\"}")
            .build());

    ApplicationFailure failure = failure(() -> activities.attachDisk(REQUEST));

    assertThat(failure.getType()).isEqualTo(FailureType.BOSH_REQUEST_REJECTED.name());
    assertThat(failure.getOriginalMessage()).contains("doesn't exist");
  }

  @Test
  void anIndexInsteadOfTheUuidIsInvalidInputAndSendsNothing() {
    AttachDiskRequest byIndex = new AttachDiskRequest("pg-1", "postgres", "0", "vol-new", "c");

    ApplicationFailure failure = failure(() -> activities.attachDisk(byIndex));

    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(failure.getOriginalMessage()).contains("uuid");
    assertThat(bosh.requests("PUT ")).isEmpty();
  }

  private static ApplicationFailure failure(ThrowingCallable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call);
    assertThat(failure).as("the activity fails").isNotNull();
    return (ApplicationFailure) failure.getCause();
  }
}
