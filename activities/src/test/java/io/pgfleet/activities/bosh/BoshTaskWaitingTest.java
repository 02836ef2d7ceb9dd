package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoshTaskWaitingTest {

  private static final String STARTED =
      "{\"time\":1,\"stage\":\"Updating instance\",\"tags\":[\"postgres\"],\"total\":1,"
          + "\"task\":\"postgres/abc (0)\",\"index\":1,\"state\":\"started\",\"progress\":0}";
  private static final String WARNING =
      "{\"time\":2,\"type\":\"warning\",\"message\":\"disk almost full\"}";
  private static final String FINISHED =
      "{\"time\":3,\"stage\":\"Updating instance\",\"tags\":[\"postgres\"],\"total\":1,"
          + "\"task\":\"postgres/abc (0)\",\"index\":1,\"state\":\"finished\",\"progress\":100}";
  private static final String FAILED_STAGE =
      "{\"time\":4,\"stage\":\"Updating instance\",\"task\":\"pgpool/def (1)\","
          + "\"state\":\"failed\",\"progress\":100,\"data\":{\"error\":\"pgpool is not running\"}}";
  private static final String ERROR =
      "{\"time\":5,\"error\":{\"code\":450001,\"message\":\"'pgpool/def (1)' is not running after"
          + " update. Review logs for failed jobs: pgpool\"}}";
  private static final String LOCK_ERROR =
      "{\"time\":5,\"error\":{\"code\":100,\"message\":\"Failed to acquire lock for"
          + " lock:deployment:pg-1 uid: 7. Locking task id is 41\"}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RouteDispatcher bosh =
      new RouteDispatcher().on("GET /info", Bosh.json(Bosh.BASIC_INFO));
  private final EventLog log = new EventLog();
  private final List<Long> offsets = new CopyOnWriteArrayList<>();
  private HttpBoshDirector director;
  private BoshTaskWaiter waiter;

  @BeforeEach
  void setUp() {
    server.setDispatcher(bosh);
    bosh.on("GET /tasks/42/output?type=event", log::serve);
    director = Bosh.director(server);
    waiter = new BoshTaskWaiter(director, Bosh.FAST_POLL);
  }

  @Test
  void deployReadsTheTaskIdFromTheRedirectAndPollsUntilDone() {
    bosh.on("POST /deployments", Bosh.redirectToTask(42));
    AtomicInteger polls = new AtomicInteger();
    List<String> lines = List.of(STARTED, WARNING, FINISHED);
    bosh.on(
        "GET /tasks/42",
        request -> {
          int n = polls.getAndIncrement();
          log.append(lines.get(n));
          return Bosh.task(42, n < 2 ? "processing" : "done", n < 2 ? null : "/deployments/pg-1");
        });

    long taskId = director.deploy("name: pg-1\n", "op-7/deploy", DeployOptions.defaults());
    BoshTask task = waiter.await(taskId, 0, (id, offset) -> offsets.add(offset));

    assertThat(taskId).isEqualTo(42);
    assertThat(task.state()).isEqualTo("done");
    assertThat(task.result()).isEqualTo("/deployments/pg-1");
    RecordedRequest post = bosh.requests("POST /deployments").get(0);
    assertThat(post.getHeaders().get("Content-Type")).isEqualTo("text/yaml");
    assertThat(post.getBody().string(StandardCharsets.UTF_8)).isEqualTo("name: pg-1\n");
    assertThat(post.getHeaders().get("X-Bosh-Context-Id")).isEqualTo("op-7/deploy");
    assertThat(post.getHeaders().get("Authorization"))
        .isEqualTo(Credentials.basic("admin", "not-a-real-secret"));
    assertThat(offsets).hasSize(3).isSorted().last().isEqualTo((long) log.length());
    List<String> ranges =
        bosh.requests("GET /tasks/42/output").stream()
            .map(r -> r.getHeaders().get("Range"))
            .toList();
    assertThat(ranges)
        .containsExactly(null, "bytes=" + offsets.get(0) + "-", "bytes=" + offsets.get(1) + "-");
  }

  @Test
  void eventLogReadsOnlyNewBytesAndKnowsEveryEventKind() {
    log.append(STARTED).append(WARNING).append(FAILED_STAGE).append(ERROR);

    TaskEvents first = director.taskEvents(42, 0);

    assertThat(first.events()).hasSize(4);
    assertThat(first.events().get(0).state()).isEqualTo("started");
    assertThat(first.events().get(1).isWarning()).isTrue();
    assertThat(first.events().get(1).message()).isEqualTo("disk almost full");
    assertThat(first.events().get(2).isFailedStage()).isTrue();
    assertThat(first.events().get(3).isError()).isTrue();
    assertThat(first.lastError().errorCode()).isEqualTo(450001);
    assertThat(first.nextOffset()).isEqualTo(log.length());

    assertThat(director.taskEvents(42, first.nextOffset()).events()).isEmpty(); // 416
    log.append(FINISHED);
    TaskEvents second = director.taskEvents(42, first.nextOffset());

    assertThat(second.events()).singleElement().extracting(BoshEvent::state).isEqualTo("finished");
    assertThat(second.nextOffset()).isEqualTo(log.length());
    assertThat(bosh.requests("GET /tasks/42/output").get(2).getHeaders().get("Range"))
        .isEqualTo("bytes=" + first.nextOffset() + "-");
  }

  @Test
  void noEventLogYetIsNoEvents() {
    TaskEvents events = director.taskEvents(42, 0); // 204

    assertThat(events.events()).isEmpty();
    assertThat(events.nextOffset()).isZero();
  }

  @Test
  void failedTaskCarriesResultAndTheEventLogError() {
    log.append(STARTED).append(FAILED_STAGE).append(ERROR);
    bosh.on(
        "GET /tasks/42", Bosh.task(42, "error", "'pgpool/def (1)' is not running after update"));

    assertThatThrownBy(() -> waiter.await(42, 0, TaskProgressListener.NONE))
        .isInstanceOfSatisfying(
            BoshTaskFailedException.class,
            e -> {
              assertThat(e.isLockFailure()).isFalse();
              assertThat(e.lastErrorCode()).isEqualTo(450001);
              assertThat(e.getMessage())
                  .contains("BOSH task 42", "ended in state error", "Review logs for failed jobs");
            });
  }

  @Test
  void resumedWaitRereadsTheLogWhenTheErrorWasBeforeTheOffset() {
    log.append(STARTED).append(ERROR);
    long pastTheError = log.length();
    bosh.on("GET /tasks/42", Bosh.task(42, "error", "not running"));

    assertThatThrownBy(() -> waiter.await(42, pastTheError, TaskProgressListener.NONE))
        .isInstanceOfSatisfying(
            BoshTaskFailedException.class,
            e -> assertThat(e.lastErrorMessage()).contains("is not running after update"));
  }

  @Test
  void lockFailureIsDistinguishable() {
    log.append(LOCK_ERROR);
    bosh.on(
        "GET /tasks/42",
        Bosh.task(42, "error", "Failed to acquire lock for lock:deployment:pg-1 uid: 7"));

    assertThatThrownBy(() -> waiter.await(42, 0, TaskProgressListener.NONE))
        .isInstanceOfSatisfying(
            BoshTaskFailedException.class, e -> assertThat(e.isLockFailure()).isTrue());
  }

  @Test
  void aBriefOutageDuringPollingIsRiddenOut() {
    bosh.on(
        "GET /tasks/42",
        Bosh.text(502, "Bad Gateway"),
        Bosh.text(503, ""),
        Bosh.task(42, "done", "/deployments/pg-1"));

    assertThat(waiter.await(42, 0, TaskProgressListener.NONE).state()).isEqualTo("done");
  }

  @Test
  void aLastingOutageEndsTheWait() {
    bosh.on("GET /tasks/42", Bosh.text(503, ""));

    assertThatThrownBy(() -> waiter.await(42, 0, TaskProgressListener.NONE))
        .isInstanceOf(BoshUnavailableException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(bosh.requests("GET /tasks/42"))
        .hasSize(BoshTaskWaiter.MAX_CONSECUTIVE_POLL_FAILURES);
  }
}
