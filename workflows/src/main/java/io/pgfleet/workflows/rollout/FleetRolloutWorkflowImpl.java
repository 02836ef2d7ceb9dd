package io.pgfleet.workflows.rollout;

import io.pgfleet.workflows.operation.OperationState;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;

/**
 * The rollout loop: start what may start, settle the canaries, wait (for a cluster to finish, a
 * window to open, or an operator), read the clusters in flight; continue as new between batches.
 */
public final class FleetRolloutWorkflowImpl implements FleetRolloutWorkflow {

  /** Rollouts run as {@code rollout/<rolloutId>}. */
  public static final String ROLLOUT_PREFIX = "rollout/";

  private static final Logger LOG = Workflow.getLogger(FleetRolloutWorkflowImpl.class);

  private final FleetActivities fleet =
      Workflow.newActivityStub(FleetActivities.class, RolloutPolicies.FLEET);
  private final FleetRolloutInput input;
  private final String rolloutId;
  private RolloutBook book;
  private boolean operatorActed;
  private int startedThisRun;

  @WorkflowInit
  public FleetRolloutWorkflowImpl(FleetRolloutInput input) {
    this.input = input;
    this.rolloutId = rolloutIdOf(input);
    if (input.carry() != null) {
      book = RolloutBook.resume(rolloutId, input.carry());
    }
  }

  @Override
  public RolloutProgress rollOut(FleetRolloutInput input) {
    validate(input);
    if (book == null) {
      List<FleetMember> members =
          Workflow.newActivityStub(FleetActivities.class, RolloutPolicies.MEMBERS)
              .members(input.selector());
      book = RolloutBook.start(rolloutId, members, input.canaries());
      LOG.info(
          "Rollout {}: {} clusters, {} canaries",
          rolloutId,
          members.size(),
          book.canaryIds().size());
    }
    publish();
    while (!finished()) {
      if (book.inFlightCount() == 0 && runIsFull()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(input.withCarry(book.carry()));
      }
      startWhatMayStart();
      if (book.inCanaryPhase() && book.canariesFinished()) {
        settleCanaries();
      }
      waitForChange();
      readInFlight();
    }
    if (book.state != RolloutState.ABORTED) {
      book.state = RolloutState.COMPLETED;
    }
    publish();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return book.progress();
  }

  @Override
  public RolloutProgress pause(String reason) {
    pauseFor(reason == null || reason.isBlank() ? "paused by an operator" : reason);
    return book.progress();
  }

  @Override
  public void validatePause(String reason) {
    requireActive("pause");
  }

  @Override
  public RolloutProgress resume() {
    book.state = RolloutState.RUNNING;
    book.pauseReason = null;
    book.resetRatio();
    operatorActed = true;
    publish();
    return book.progress();
  }

  @Override
  public void validateResume() {
    requireActive("resume");
    if (book.state != RolloutState.PAUSED) {
      throw new IllegalStateException("conflict: rollout " + rolloutId + " is not paused");
    }
  }

  @Override
  public RolloutProgress abort(String reason) {
    book.state = RolloutState.ABORTED;
    book.pauseReason = reason == null || reason.isBlank() ? "aborted by an operator" : reason;
    operatorActed = true;
    publish();
    return book.progress();
  }

  @Override
  public void validateAbort(String reason) {
    requireActive("abort");
  }

  @Override
  public RolloutProgress progress() {
    return book == null
        ? new RolloutProgress(
            rolloutId, RolloutState.RUNNING, null, false, 0, 0, 0, List.of(), 0, List.of())
        : book.progress();
  }

  private boolean finished() {
    return book.inFlightCount() == 0 && (book.state == RolloutState.ABORTED || book.nothingLeft());
  }

  private boolean runIsFull() {
    return startedThisRun >= RolloutPolicies.CLUSTERS_PER_RUN
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private void startWhatMayStart() {
    int limit =
        book.inCanaryPhase()
            ? Math.min(input.maxInFlight(), book.canaryIds().size())
            : input.maxInFlight();
    while (book.state == RolloutState.RUNNING && !runIsFull() && book.inFlightCount() < limit) {
      long now = Workflow.currentTimeMillis();
      var next = book.takeStartable(now, input.respectMaintenanceWindows());
      if (next.isEmpty()) {
        return;
      }
      start(next.get(), now);
    }
  }

  private void start(FleetMember member, long now) {
    // a uuid like the gateway's: it ends up in child workflow ids and BOSH context ids
    String operationId = Workflow.randomUUID().toString();
    ClusterUpdateStart answer =
        fleet.startUpdate(
            new ClusterUpdateRequest(member.clusterId(), operationId, rolloutId, input.change()));
    startedThisRun++;
    if (answer.accepted()) {
      book.started(member, operationId);
      LOG.info("Rollout {}: updating {}", rolloutId, member.clusterId());
      return;
    }
    long retryAt = now + RolloutPolicies.BUSY_RETRY_DELAY.toMillis();
    if (answer.busy() && book.requeueBusy(member, retryAt, RolloutPolicies.MAX_BUSY_ATTEMPTS)) {
      LOG.info("Rollout {}: {} is busy, asking again later", rolloutId, member.clusterId());
      return;
    }
    record(
        new ClusterRolloutResult(member.clusterId(), operationId, false, answer.rejection(), now));
  }

  /** Canaries all finished: a failure pauses; otherwise they must stay healthy for a while. */
  private void settleCanaries() {
    book.canariesDone();
    List<ClusterRolloutResult> failed = book.canaryFailures();
    if (!failed.isEmpty()) {
      ClusterRolloutResult first = failed.get(0);
      pauseFor("canary " + first.clusterId() + " failed: " + first.error());
    } else {
      Workflow.await(
          Duration.ofSeconds(input.canaryHealthWaitSeconds()),
          () -> book.state == RolloutState.ABORTED);
      for (String canary : book.canaryIds()) {
        if (book.state == RolloutState.RUNNING && !fleet.healthy(canary)) {
          pauseFor("canary " + canary + " is not healthy after the update");
        }
      }
    }
    book.resetRatio();
    publish();
  }

  /** Until an operator acts, or the next poll / window / busy retry is due. */
  private void waitForChange() {
    operatorActed = false;
    if (book.inFlightCount() > 0) {
      Workflow.await(RolloutPolicies.POLL_INTERVAL, () -> operatorActed);
      return;
    }
    if (book.state != RolloutState.RUNNING || runIsFull()) {
      Workflow.await(() -> operatorActed || book.state == RolloutState.ABORTED);
      return;
    }
    OptionalLong wait =
        book.millisUntilStartable(Workflow.currentTimeMillis(), input.respectMaintenanceWindows());
    if (wait.isPresent() && wait.getAsLong() > 0) {
      Workflow.await(Duration.ofMillis(wait.getAsLong()), () -> operatorActed);
    }
  }

  private void readInFlight() {
    for (Map.Entry<String, String> flight : book.inFlight().entrySet()) {
      ClusterOperationStatus status = fleet.operation(flight.getKey(), flight.getValue());
      if (status.state().finished()) {
        boolean ok = status.state() == OperationState.SUCCEEDED;
        record(
            new ClusterRolloutResult(
                flight.getKey(),
                flight.getValue(),
                ok,
                ok ? null : status.error(),
                Workflow.currentTimeMillis()));
      }
    }
  }

  private void record(ClusterRolloutResult result) {
    book.finished(result, RolloutPolicies.FAILURES_KEPT);
    if (!result.succeeded()) {
      LOG.warn("Rollout {}: {} failed: {}", rolloutId, result.clusterId(), result.error());
    }
    if (!book.inCanaryPhase()
        && book.state == RolloutState.RUNNING
        && book.failureRatioPassed(
            input.maxFailureRatio(), RolloutPolicies.FAILURE_RATIO_MIN_SAMPLE)) {
      pauseFor(String.format("failure ratio passed %.2f", input.maxFailureRatio()));
    }
    publish();
  }

  private void pauseFor(String reason) {
    book.state = RolloutState.PAUSED;
    book.pauseReason = reason;
    operatorActed = true;
    LOG.warn("Rollout {} paused: {}", rolloutId, reason);
    publish();
  }

  private void publish() {
    if (book != null) {
      RolloutSearchAttributes.publish(book.progress());
    }
  }

  private void requireActive(String update) {
    if (book == null) {
      throw new IllegalStateException(
          "concurrency: rollout " + rolloutId + " is still listing its clusters");
    }
    if (book.state == RolloutState.ABORTED || book.state == RolloutState.COMPLETED) {
      throw new IllegalStateException(
          "conflict: rollout "
              + rolloutId
              + " is "
              + book.state.name().toLowerCase(java.util.Locale.ROOT)
              + ", cannot "
              + update);
    }
  }

  /** A scheduled run has no id of its own: the Schedule's workflow id (with its time) names it. */
  private static String rolloutIdOf(FleetRolloutInput input) {
    if (input.rolloutId() != null) {
      return input.rolloutId();
    }
    String workflowId = Workflow.getInfo().getWorkflowId();
    return workflowId.startsWith(ROLLOUT_PREFIX)
        ? workflowId.substring(ROLLOUT_PREFIX.length())
        : workflowId;
  }

  private static void validate(FleetRolloutInput input) {
    if (input.maxInFlight() < 1 || input.canaries() < 0) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "max_in_flight must be at least 1 and canaries at least 0",
          io.pgfleet.workflows.FailureType.INVALID_INPUT.name());
    }
    if (input.maxFailureRatio() < 0 || input.maxFailureRatio() > 1) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "max_failure_ratio must be between 0 and 1",
          io.pgfleet.workflows.FailureType.INVALID_INPUT.name());
    }
  }
}
