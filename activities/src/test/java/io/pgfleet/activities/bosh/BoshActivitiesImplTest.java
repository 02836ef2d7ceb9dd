package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.pgfleet.workflows.bosh.DeleteDeploymentRequest;
import io.pgfleet.workflows.bosh.DeployRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoshActivitiesImplTest {

  private static final String CONTEXT_ID = "op-1/deploy";
  private static final DeployRequest DEPLOY = new DeployRequest("pg-1", "name: pg-1\n", CONTEXT_ID);
  private static final String LOCK_RESULT =
      "Failed to acquire lock for lock:deployment:pg-1 uid: 7. Locking task id is 40";

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
  void vmsComeFromTheDirectorsDatabaseWithoutATask() {
    bosh.on(
        "GET /deployments/pg-1/vms",
        Bosh.json(
            "[{\"agent_id\":\"a\",\"cid\":\"vm-7\",\"job\":\"postgres\",\"index\":0,"
                + "\"id\":\"uuid-0\",\"ips\":[\"10.0.0.5\"]}]"));

    List<BoshInstance> vms = activities.vms("pg-1");

    assertThat(vms)
        .containsExactly(
            new BoshInstance(
                "postgres", 0, "uuid-0", List.of("10.0.0.5"), null, "vm-7", List.of()));
    assertThat(bosh.requests("GET /tasks/42")).isEmpty();
  }

  @Test
  void heartbeatDetailsResumeTheSameTaskWithoutSubmittingAgain() {
    bosh.on(
        "GET /tasks/42",
        Bosh.task(42, "processing", null),
        Bosh.task(42, "done", "/deployments/pg-1"));
    bosh.on("POST /deployments", Bosh.redirectToTask(99));
    env.setHeartbeatDetails(new TaskProgress(42, 0));

    BoshTaskOutcome outcome = activities.deploy(DEPLOY);

    assertThat(outcome).isEqualTo(new BoshTaskOutcome(42, "done", "/deployments/pg-1"));
    assertThat(bosh.requests("POST /deployments")).isEmpty();
    assertThat(heartbeats).isNotEmpty().allMatch(beat -> beat.taskId() == 42);
  }

  @Test
  void aSecondCallWithTheSameContextIdFindsTheTaskInsteadOfPostingAgain() {
    AtomicBoolean submitted = new AtomicBoolean();
    bosh.on(
        "POST /deployments",
        request -> {
          submitted.set(true);
          return Bosh.redirectToTask(42);
        });
    bosh.on(
        "GET /tasks",
        request ->
            Bosh.json(
                submitted.get()
                    ? "[" + Bosh.taskJson(42, "done", "/deployments/pg-1", "pg-1", CONTEXT_ID) + "]"
                    : "[]"));
    bosh.on("GET /tasks/42", Bosh.task(42, "done", "/deployments/pg-1"));

    BoshTaskOutcome first = activities.deploy(DEPLOY);
    BoshTaskOutcome second = activities.deploy(DEPLOY);

    assertThat(second).isEqualTo(first);
    assertThat(bosh.requests("POST /deployments")).hasSize(1);
    assertThat(bosh.requests("GET /tasks?"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getUrl().queryParameter("context_id")).isEqualTo(CONTEXT_ID));
  }

  @Test
  void aLockConflictIsRetryableAndItsTaskIsNotResumedLater() {
    bosh.on("POST /deployments", Bosh.redirectToTask(42), Bosh.redirectToTask(43));
    bosh.on("GET /tasks/42", Bosh.task(42, "error", LOCK_RESULT));
    bosh.on("GET /tasks/43", Bosh.task(43, "done", "/deployments/pg-1"));
    bosh.on("GET /tasks/43/output", Bosh.noContent());

    ApplicationFailure locked = failureOf(() -> activities.deploy(DEPLOY));
    assertThat(locked.getType()).isEqualTo(FailureType.BOSH_DEPLOYMENT_LOCKED.name());
    assertThat(locked.isNonRetryable()).isFalse();

    // The next attempt carries the locked task in its heartbeat and finds it by context id too.
    bosh.on(
        "GET /tasks",
        Bosh.json("[" + Bosh.taskJson(42, "error", LOCK_RESULT, "pg-1", CONTEXT_ID) + "]"));
    env.setHeartbeatDetails(new TaskProgress(42, 0));
    assertThat(activities.deploy(DEPLOY).taskId()).isEqualTo(43);
    assertThat(bosh.requests("POST /deployments")).hasSize(2);
  }

  @Test
  void aFailedTaskIsNonRetryableAndNamesTheTaskAndTheEventLogError() {
    bosh.on("PUT /deployments/pg-1/jobs/postgres/1", Bosh.redirectToTask(42));
    bosh.on("GET /tasks/42", Bosh.task(42, "error", "'postgres/1' is not running"));
    bosh.on(
        "GET /tasks/42/output",
        Bosh.text(
            200,
            "{\"time\":1,\"error\":{\"code\":450001,\"message\":\"'postgres/uuid-1 (1)' is not"
                + " running after update. Review logs for failed jobs: postgres\"}}\n"));

    ApplicationFailure failed =
        failureOf(
            () ->
                activities.changeInstanceState(
                    new InstanceStateRequest(
                        "pg-1", "postgres", "1", InstanceState.STARTED, "op-3/start")));

    assertThat(failed.getType()).isEqualTo(FailureType.BOSH_TASK_FAILED.name());
    assertThat(failed.isNonRetryable()).isTrue();
    assertThat(failed.getOriginalMessage())
        .contains("task 42", "Review logs for failed jobs: postgres");
  }

  @Test
  void deletingAMissingDeploymentSucceeds() {
    bosh.on(
        "DELETE /deployments/gone",
        Bosh.text(404, "{\"code\":70000,\"description\":\"Deployment 'gone' doesn't exist\"}"));

    BoshTaskOutcome outcome =
        activities.deleteDeployment(new DeleteDeploymentRequest("gone", "op-4/delete", false));

    assertThat(outcome.taskId()).isEqualTo(BoshActivitiesImpl.NO_TASK);
    assertThat(outcome.state()).isEqualTo("done");
  }

  @Test
  void aRejectedRequestIsNonRetryableAndAnOutageIsRetryable() {
    bosh.on(
        "PUT /deployments/pg-1/jobs/postgres/7",
        Bosh.text(400, "{\"code\":70002,\"description\":\"Invalid instance index '7'\"}"));
    bosh.on("POST /deployments", Bosh.text(503, ""));

    ApplicationFailure rejected =
        failureOf(
            () ->
                activities.changeInstanceState(
                    new InstanceStateRequest(
                        "pg-1", "postgres", "7", InstanceState.STOPPED, "op-5/stop")));
    ApplicationFailure unavailable = failureOf(() -> activities.deploy(DEPLOY));

    assertThat(rejected.getType()).isEqualTo(FailureType.BOSH_REQUEST_REJECTED.name());
    assertThat(rejected.isNonRetryable()).isTrue();
    assertThat(rejected.getOriginalMessage()).contains("Invalid instance index '7'");
    assertThat(unavailable.getType()).isEqualTo(FailureType.BOSH_UNAVAILABLE.name());
    assertThat(unavailable.isNonRetryable()).isFalse();
  }

  @Test
  void instancesMapToTheWorkflowRecord() {
    bosh.on("GET /deployments/pg-1/instances?format=full", Bosh.redirectToTask(42));
    bosh.on("GET /tasks/42", Bosh.task(42, "done", ""));
    bosh.on("GET /tasks/42/output?type=result", Bosh.text(200, BoshInstancesTest.NDJSON));

    List<BoshInstance> instances = activities.instances("pg-1");

    assertThat(instances)
        .containsExactly(
            new BoshInstance(
                "postgres",
                0,
                "uuid-0",
                List.of("10.0.1.5"),
                "running",
                "i-0abc",
                List.of("vol-0abc")),
            new BoshInstance("postgres", 1, "uuid-1", List.of(), null, null, List.of("vol-0def")));
  }

  private static ApplicationFailure failureOf(Runnable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call::run);
    assertThat(failure).as("activity failure").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }
}
