package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverOutcome.FAILED_OVER;
import static io.pgfleet.workflows.failover.FailoverOutcome.NEEDS_OPERATOR;
import static io.pgfleet.workflows.failover.FailoverOutcome.NOT_CONFIRMED;

import io.pgfleet.workflows.backup.PromotedArchiving;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.Confirmer.Confirmation;
import io.pgfleet.workflows.failover.Fencing.Fence;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PromoteInput;
import io.pgfleet.workflows.host.RerouteInput;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Replaces a failed primary in named steps: confirm, choose, fence, prove fenced, promote,
 * re-route, record, rebuild redundancy, configure archiving (on the new primary, when the worker
 * has a backup repository). A decision that says no ends the run with its sentence as the reason
 * (NOT_CONFIRMED before anything changed, NEEDS_OPERATOR after); a failed rebuild does not undo the
 * failover. A primary not confirmed down gets one more step, restore routing: pgpools that detached
 * it during the blip attach it again. Two writable primaries are settled first: the one on the
 * older timeline is fenced at once.
 */
public final class FailoverWorkflowImpl implements FailoverWorkflow {

  private static final Logger LOG = Workflow.getLogger(FailoverWorkflowImpl.class);

  private final StepRecorder recorder;

  /** Roles as they are now: swapped once the standby is promoted. */
  private Topology topology;

  private int timeline;
  private long rpoBytesEstimate;

  @WorkflowInit
  public FailoverWorkflowImpl(FailoverInput input) {
    recorder = new StepRecorder(input.operationId(), input.clusterId(), OperationType.FAILOVER);
    topology = input.topology();
  }

  @Override
  public FailoverResult failover(FailoverInput input) {
    Observer observer = new Observer(input.topology(), input.secrets().superuserPassword());
    Fencing fencing = new Fencing(observer, input.topology().deployment(), input.operationId());
    try {
      Confirmation confirmed = confirm(new Confirmer(observer), input);
      SplitBrain splitBrain = confirmed.splitBrain();
      if (splitBrain.seen()) {
        fenceAndProve(fencing, splitBrain.stale());
        if (splitBrain.stale().equals(input.topology().standby())) {
          throw FailoverStop.with(NEEDS_OPERATOR, staleStandbyFenced(input, splitBrain));
        }
        return failOver(input, splitBrain.decision().reason(), 0);
      }
      Chosen chosen = recorder.step("choose", () -> choose(input));
      fenceAndProve(fencing, input.topology().primary());
      return failOver(
          input,
          confirmed.decision().reason() + "; " + chosen.decision().reason(),
          chosen.lagBytes());
    } catch (TemporalFailure failure) {
      return stopped(failure);
    }
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  private record Chosen(Decision decision, long lagBytes) {}

  /**
   * The confirm step. A primary not confirmed down stays primary, but pgpools that detached it
   * during the blip would keep routing around it: restore routing runs before the run ends
   * NOT_CONFIRMED, and its sentence joins the reason.
   */
  private Confirmation confirm(Confirmer confirmer, FailoverInput input) {
    try {
      return recorder.step("confirm", () -> confirmer.confirm(input));
    } catch (ApplicationFailure stop) {
      Observation last = confirmer.lastLook();
      if (FailoverStop.outcomeOf(stop) != NOT_CONFIRMED || !RoutingRestore.needed(last)) {
        throw stop;
      }
      String restored =
          recorder.step(
              "restore routing", () -> new RoutingRestore(input.topology()).restore(last));
      throw FailoverStop.with(NOT_CONFIRMED, stop.getOriginalMessage() + "; " + restored);
    }
  }

  /** The standby's own view decides: running, and within the lag bound. */
  private Chosen choose(FailoverInput input) {
    ClusterNode standby = input.topology().standby();
    PostgresHostActivities host =
        Workflow.newActivityStub(
            PostgresHostActivities.class,
            FailoverPolicies.nodeView(input.topology().taskQueue(standby)));
    PostgresNodeStatus status = null;
    String problem = null;
    try {
      status = host.status();
    } catch (ActivityFailure failure) {
      problem = Answer.problem(failure);
    }
    Decision chosen = FailoverDecisions.choose(standby, status, problem, input.maximumLagBytes());
    if (!chosen.yes()) {
      throw FailoverStop.with(NEEDS_OPERATOR, chosen.reason());
    }
    LOG.info(chosen.reason());
    return new Chosen(chosen, status.replayLagBytes());
  }

  private void fenceAndProve(Fencing fencing, ClusterNode node) {
    Fence fence = recorder.step("fence", () -> fencing.fence(node));
    recorder.step("prove fenced", () -> fencing.prove(fence));
  }

  /** Only after the old primary is proven fenced. */
  private FailoverResult failOver(FailoverInput input, String why, long lagBytes) {
    Topology before = input.topology();
    ClusterNode oldPrimary = before.primary();
    ClusterNode newPrimary = before.standby();
    PostgresHostActivities host =
        Workflow.newActivityStub(
            PostgresHostActivities.class, FailoverPolicies.promote(before.taskQueue(newPrimary)));
    PostgresNodeStatus promoted =
        recorder.step(
            "promote", () -> host.promote(new PromoteInput(FailoverPolicies.PROMOTE_WAIT_SECONDS)));
    timeline = promoted.timeline();
    rpoBytesEstimate = lagBytes;
    topology = FailoverTopology.swapped(before);
    String notRerouted = recorder.step("re-route", () -> reroute(oldPrimary, newPrimary));
    String reason =
        recorder.step("record", () -> record(oldPrimary, newPrimary, why + notRerouted));
    String rebuilt = rebuild(input, oldPrimary);
    String archiving =
        PromotedArchiving.configure(recorder, input.clusterId(), before.taskQueue(newPrimary));
    recorder.succeeded();
    return new FailoverResult(
        FAILED_OVER,
        reason + "; " + rebuilt + archiving,
        topology,
        rpoBytesEstimate,
        timeline,
        recorder.view());
  }

  /** Every pgpool at once; one that routes is enough, the others are named in the reason. */
  private String reroute(ClusterNode oldPrimary, ClusterNode newPrimary) {
    RerouteInput route =
        new RerouteInput(
            FailoverTopology.backendId(newPrimary),
            List.of(FailoverTopology.backendId(oldPrimary)));
    List<Answer<PgpoolNodeStatus>> answers =
        EveryPgpool.call(topology, FailoverPolicies::pgpoolCommand, p -> p.reroute(route));
    String missing =
        answers.stream()
            .filter(a -> !a.ok())
            .map(Answer::describeProblem)
            .collect(Collectors.joining(", "));
    if (answers.stream().noneMatch(Answer::ok)) {
      throw FailoverStop.with(
          NEEDS_OPERATOR,
          "%s is promoted (timeline %d), but no pgpool re-routed writes to it: %s"
              .formatted(newPrimary.name(), timeline, missing));
    }
    if (missing.isEmpty()) {
      return "";
    }
    LOG.warn("not re-routed: {}", missing);
    return "; not re-routed: " + missing;
  }

  /**
   * The operation's record: this result. The alert ("primary lost, failed over to …") is sent by
   * the ClusterWorkflow from the result (AlertActivities), not from here; the log line is the
   * workflow's own trace.
   */
  private String record(ClusterNode oldPrimary, ClusterNode newPrimary, String why) {
    String reason =
        "failed over from %s to %s (timeline %d, RPO estimate %d bytes): %s"
            .formatted(oldPrimary.name(), newPrimary.name(), timeline, rpoBytesEstimate, why);
    LOG.warn("primary lost: {}", reason);
    return reason;
  }

  /** A failed rebuild leaves the failover done: recorded as a failed step and in the reason. */
  private String rebuild(FailoverInput input, ClusterNode oldPrimary) {
    try {
      return recorder.step(
          "rebuild redundancy", () -> new Redundancy(input).rebuild(oldPrimary, topology));
    } catch (TemporalFailure failure) {
      rethrowCancellation(failure);
      String why = "redundancy not rebuilt: " + StepRecorder.rootMessage(failure);
      LOG.warn(why);
      return why;
    }
  }

  private static String staleStandbyFenced(FailoverInput input, SplitBrain splitBrain) {
    return "%s; %s stays primary, %s must be rebuilt as its standby"
        .formatted(
            splitBrain.decision().reason(),
            input.topology().primary().name(),
            splitBrain.stale().name());
  }

  /** A decision that said no, or a step that failed; cancellation still cancels. */
  private FailoverResult stopped(TemporalFailure failure) {
    rethrowCancellation(failure);
    FailoverOutcome outcome = FailoverStop.outcomeOf(failure);
    String reason;
    if (outcome != null) {
      reason = ((ApplicationFailure) failure).getOriginalMessage();
    } else {
      outcome = NEEDS_OPERATOR;
      reason = recorder.currentStep() + " failed: " + StepRecorder.rootMessage(failure);
    }
    LOG.warn("failover {}: {}", outcome, reason);
    recorder.failed(reason);
    return new FailoverResult(
        outcome, reason, topology, rpoBytesEstimate, timeline, recorder.view());
  }

  private static void rethrowCancellation(TemporalFailure failure) {
    if (failure instanceof CanceledFailure || failure.getCause() instanceof CanceledFailure) {
      throw failure;
    }
  }
}
