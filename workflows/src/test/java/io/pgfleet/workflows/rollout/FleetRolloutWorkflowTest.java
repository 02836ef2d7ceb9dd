package io.pgfleet.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetRolloutWorkflowTest {

  private final RolloutTestEnv t = new RolloutTestEnv();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void canariesGoFirstAndAloneThenWavesStayWithinMaxInFlight() {
    t.fleet.clusters(10);
    RolloutProgress done = t.result(t.start(RolloutTestEnv.input("r1", 2, 3, 0.5)));

    assertThat(done.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(done.succeeded()).isEqualTo(10);
    assertThat(done.failed()).isZero();
    assertThat(t.fleet.startOrder().subList(0, 2)).containsExactly("c1", "c2");
    long canariesFinished = t.fleet.startedAt.get("c2") + t.fleet.updateMillis;
    long healthWait = 600_000;
    assertThat(t.fleet.startedAt.get("c3")).isGreaterThanOrEqualTo(canariesFinished + healthWait);
    assertThat(t.fleet.mostInFlight()).isEqualTo(3);
  }

  @Test
  void aFailedCanaryPausesTheRolloutUntilResumed() {
    t.fleet.clusters(5);
    t.fleet.failing.add("c1");
    FleetRolloutWorkflow rollout = t.start(RolloutTestEnv.input("r2", 1, 2, 0.5));
    t.sleep(10 * 60_000);

    RolloutProgress paused = rollout.progress();
    assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
    assertThat(paused.pauseReason()).contains("canary c1 failed");
    assertThat(t.fleet.startOrder()).containsExactly("c1");

    rollout.resume();
    RolloutProgress done = t.result(rollout);
    assertThat(done.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(done.succeeded()).isEqualTo(4);
    assertThat(done.failures()).extracting(ClusterRolloutResult::clusterId).containsExactly("c1");
  }

  @Test
  void anUnhealthyCanaryPausesAndAnAbortLeavesTheRestUntouched() {
    t.fleet.clusters(4);
    t.fleet.unhealthy.add("c1");
    FleetRolloutWorkflow rollout = t.start(RolloutTestEnv.input("r3", 1, 2, 0.5));
    t.sleep(30 * 60_000);
    assertThat(rollout.progress().pauseReason()).contains("canary c1 is not healthy");

    RolloutProgress aborted = rollout.abort("bad stemcell");
    assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
    RolloutProgress done = t.result(rollout);
    assertThat(done.state()).isEqualTo(RolloutState.ABORTED);
    assertThat(done.waiting()).isEqualTo(3);
    assertThat(t.fleet.startOrder()).containsExactly("c1");
  }

  @Test
  void theRolloutPausesItselfWhenTheFailureRatioPassesTheThreshold() {
    t.fleet.clusters(12);
    t.fleet.failing.addAll(List.of("c2", "c3", "c4"));
    FleetRolloutWorkflow rollout = t.start(RolloutTestEnv.input("r4", 0, 1, 0.3));
    t.sleep(60 * 60_000);

    RolloutProgress paused = rollout.progress();
    assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
    assertThat(paused.pauseReason()).contains("failure ratio");
    // the ratio is judged over at least 5 finished clusters: c1..c5, 3 of them failed
    assertThat(t.fleet.startOrder()).containsExactly("c1", "c2", "c3", "c4", "c5");
    assertThat(paused.failed()).isEqualTo(3);

    rollout.resume();
    RolloutProgress done = t.result(rollout);
    assertThat(done.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(done.succeeded()).isEqualTo(9);
  }

  @Test
  void aClusterStartsOnlyInsideItsMaintenanceWindow() {
    long now = t.env.currentTimeMillis();
    ZonedDateTime opens =
        Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).plusHours(3).withSecond(0).withNano(0);
    MaintenanceWindow window =
        new MaintenanceWindow(opens.getDayOfWeek(), opens.getHour() * 60 + opens.getMinute(), 60);
    t.fleet.members.add(new FleetMember("windowed", "small", window));
    t.fleet.members.add(new FleetMember("anytime", "small", null));

    RolloutProgress done = t.result(t.start(RolloutTestEnv.input("r5", 0, 2, 0.5)));

    assertThat(done.succeeded()).isEqualTo(2);
    assertThat(t.fleet.startOrder()).containsExactly("anytime", "windowed");
    long windowedStart = t.fleet.startedAt.get("windowed");
    assertThat(windowedStart).isGreaterThanOrEqualTo(opens.toInstant().toEpochMilli());
    assertThat(window.isOpen(windowedStart)).isTrue();
  }

  @Test
  void aBusyClusterIsAskedAgainLaterAndCountsAsFailedWhenItStaysBusy() {
    t.fleet.clusters(2);
    t.fleet.busyAnswers.put("c1", 1);
    t.fleet.busyAnswers.put("c2", 5);

    RolloutProgress done = t.result(t.start(RolloutTestEnv.input("r6", 0, 2, 1.0)));

    assertThat(done.succeeded()).isEqualTo(1);
    assertThat(done.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.clusterId()).isEqualTo("c2");
              assertThat(f.error()).contains("a backup runs");
            });
    List<Long> attempts = t.fleet.startAttemptsAt;
    assertThat(attempts).hasSize(5); // c1 twice, c2 three times
    assertThat(attempts.get(attempts.size() - 1) - attempts.get(0))
        .isGreaterThanOrEqualTo(2 * RolloutPolicies.BUSY_RETRY_DELAY.toMillis());
  }

  @Test
  void aLargeFleetContinuesAsNewAndUpdatesEveryCluster() {
    t.fleet.clusters(450);
    t.fleet.updateMillis = 1_000;
    String firstRun = t.startRun(RolloutTestEnv.input("r7", 0, 50, 0.5)).getRunId();

    RolloutProgress done =
        t.client.newUntypedWorkflowStub("rollout/r7").getResult(RolloutProgress.class);

    assertThat(done.succeeded()).isEqualTo(450);
    assertThat(done.total()).isEqualTo(450);
    assertThat(t.fleet.startedAt).hasSize(450);
    assertThat(t.fleet.mostInFlight()).isLessThanOrEqualTo(50);
    var history = t.client.fetchHistory("rollout/r7", firstRun).getLastEvent();
    assertThat(history.getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
  }

  @Test
  void operatorUpdatesThatDoNotFitTheStateAreRejected() {
    t.fleet.clusters(2);
    FleetRolloutWorkflow rollout = t.start(RolloutTestEnv.input("r8", 0, 1, 0.5));
    t.sleep(1_000);
    assertThatThrownBy(rollout::resume)
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("conflict: rollout r8 is not paused");
    assertThat(rollout.abort("changed my mind").inFlight()).containsExactly("c1");
    assertThatThrownBy(() -> rollout.pause("late"))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("rollout r8 is aborted, cannot pause");
    RolloutProgress done = t.result(rollout);
    assertThat(done.state()).isEqualTo(RolloutState.ABORTED);
    assertThat(done.succeeded()).isEqualTo(1);
    assertThat(t.fleet.startOrder()).containsExactly("c1");
  }

  @Test
  void badSettingsFailTheRolloutBeforeAnyClusterIsTouched() {
    t.fleet.clusters(2);
    FleetRolloutWorkflow rollout = t.start(RolloutTestEnv.input("r9", 0, 0, 0.5));
    assertThatThrownBy(() -> t.result(rollout))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("max_in_flight must be at least 1");
    assertThat(t.fleet.startAttemptsAt).isEmpty();
  }
}
