package io.pgfleet.workflows.switchover;

import static io.pgfleet.workflows.switchover.SwitchoverOutcome.FAILED;
import static io.pgfleet.workflows.switchover.SwitchoverOutcome.NEEDS_OPERATOR;
import static io.pgfleet.workflows.switchover.SwitchoverOutcome.SWITCHED_OVER;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.failover.FailoverTopology;
import io.pgfleet.workflows.host.AwaitWalInput;
import io.pgfleet.workflows.host.AwaitWalInput.Mark;
import io.pgfleet.workflows.host.CleanStop;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PromoteInput;
import io.pgfleet.workflows.host.RerouteInput;
import io.pgfleet.workflows.host.WriteHold;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import org.slf4j.Logger;

/**
 * Hands the primary role to the standby in named steps without losing an acknowledged write. The
 * guarantee is the shutdown checkpoint: a fast shutdown writes it after every commit the primary
 * acknowledged, and the standby is promoted only once it received WAL past it, so it holds all of
 * them and the old primary needs no rewind. Holding writes first (the primary read-only) makes the
 * wait short and turns writes in the gap into clean refusals. A failure before the promotion rolls
 * back; a failed promotion does not (the standby may still come up as a primary: restarting the old
 * one could make two), nor does a failed rejoin (the switchover is done).
 */
public final class SwitchoverWorkflowImpl implements SwitchoverWorkflow {

  private static final Logger LOG = Workflow.getLogger(SwitchoverWorkflowImpl.class);

  private final StepRecorder recorder;
  private Topology topology;
  private boolean held;
  private boolean stopped;
  private boolean promoted;
  private int timeline;
  private long heldAt;
  private long writesHeldMillis;

  @WorkflowInit
  public SwitchoverWorkflowImpl(SwitchoverInput input) {
    recorder = new StepRecorder(input.operationId(), input.clusterId(), OperationType.SWITCHOVER);
    topology = input.topology();
  }

  @Override
  public SwitchoverResult switchover(SwitchoverInput input) {
    Topology before = input.topology();
    ClusterNode oldPrimary = before.primary();
    ClusterNode newPrimary = before.standby();
    try {
      String checked = recorder.step("check", () -> check(input));
      recorder.step("prepare", () -> host(oldPrimary, SwitchoverPolicies::checkpoint).checkpoint());
      WriteHold hold = recorder.step("hold writes", this::holdWrites);
      PostgresHostActivities standby = host(newPrimary, SwitchoverPolicies::awaitWal);
      recorder.step(
          "catch up",
          () ->
              standby.awaitWal(
                  new AwaitWalInput(
                      hold.flushLsn(),
                      Mark.REPLAYED_UP_TO,
                      SwitchoverPolicies.CATCH_UP_WAIT_SECONDS)));
      CleanStop stop = recorder.step("stop old primary", this::stopOldPrimary);
      recorder.step(
          "await shutdown checkpoint",
          () ->
              standby.awaitWal(
                  new AwaitWalInput(
                      stop.shutdownCheckpointLsn(),
                      Mark.RECEIVED_PAST,
                      SwitchoverPolicies.CATCH_UP_WAIT_SECONDS)));
      PostgresNodeStatus status = recorder.step("promote", () -> promote(newPrimary));
      timeline = status.timeline();
      topology = FailoverTopology.swapped(before);
      String notRerouted = recorder.step("re-route", () -> reroute(oldPrimary, newPrimary));
      writesHeldMillis = Workflow.currentTimeMillis() - heldAt;
      String rejoined = rejoin(input, oldPrimary);
      String reason =
          recorder.step(
              "record",
              () -> record(oldPrimary, newPrimary, checked + notRerouted + "; " + rejoined));
      recorder.succeeded();
      return result(SWITCHED_OVER, reason);
    } catch (TemporalFailure failure) {
      rethrowCancellation(failure);
      return stopped(failure);
    }
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  /** Both nodes' own views, at once. */
  private String check(SwitchoverInput input) {
    ClusterNode primary = topology.primary();
    ClusterNode standby = topology.standby();
    Promise<PostgresNodeStatus> primaryStatus =
        Async.function(host(primary, SwitchoverPolicies::quick)::status);
    Promise<PostgresNodeStatus> standbyStatus =
        Async.function(host(standby, SwitchoverPolicies::quick)::status);
    PostgresNodeStatus standbyNow = standbyStatus.get();
    String refusal =
        SwitchoverCheck.refusal(
            primary, primaryStatus.get(), standby, standbyNow, input.maximumLagBytes());
    if (refusal != null) {
      throw SwitchoverRefusal.because(refusal);
    }
    return "%s streams %d bytes behind, within the %d allowed"
        .formatted(standby.name(), standbyNow.replayLagBytes(), input.maximumLagBytes());
  }

  /** Marked held before the call: a hold whose answer was lost is released by the rollback too. */
  private WriteHold holdWrites() {
    held = true;
    heldAt = Workflow.currentTimeMillis();
    return host(topology.primary(), SwitchoverPolicies::quick).holdWrites();
  }

  private CleanStop stopOldPrimary() {
    stopped = true;
    return host(topology.primary(), SwitchoverPolicies::stop).stopCleanly();
  }

  private PostgresNodeStatus promote(ClusterNode newPrimary) {
    promoted = true;
    return host(newPrimary, SwitchoverPolicies::promote)
        .promote(new PromoteInput(SwitchoverPolicies.PROMOTE_WAIT_SECONDS));
  }

  /** Every pgpool at once; one that routes is enough, the others are named in the reason. */
  private String reroute(ClusterNode oldPrimary, ClusterNode newPrimary) {
    RerouteInput route =
        new RerouteInput(
            FailoverTopology.backendId(newPrimary),
            List.of(FailoverTopology.backendId(oldPrimary)));
    AllPgpools.Outcome routed = AllPgpools.call(topology, p -> p.switchPrimary(route));
    if (routed.none()) {
      throw SwitchoverRefusal.because(
          "%s is promoted (timeline %d), but no pgpool re-routed writes to it: %s"
              .formatted(newPrimary.name(), timeline, routed.missing()));
    }
    return routed.failed().isEmpty() ? "" : "; not re-routed: " + routed.missing();
  }

  /** A failed rejoin leaves the switchover done: recorded as a failed step and in the reason. */
  private String rejoin(SwitchoverInput input, ClusterNode oldPrimary) {
    try {
      return recorder.step("rejoin", () -> SwitchoverRejoin.run(input, oldPrimary, topology));
    } catch (TemporalFailure failure) {
      rethrowCancellation(failure);
      String why = "redundancy not rebuilt: " + StepRecorder.rootMessage(failure);
      LOG.warn(why);
      return why;
    }
  }

  private String record(ClusterNode oldPrimary, ClusterNode newPrimary, String why) {
    String reason =
        "switched over from %s to %s (timeline %d, writes held %d ms): %s"
            .formatted(oldPrimary.name(), newPrimary.name(), timeline, writesHeldMillis, why);
    LOG.info(reason);
    return reason;
  }

  /**
   * A step failed. Before the promotion: roll back and end FAILED. From the promotion on: the
   * cluster needs an operator (nothing is undone).
   */
  private SwitchoverResult stopped(TemporalFailure failure) {
    String reason = recorder.currentStep() + " failed: " + StepRecorder.rootMessage(failure);
    if (promoted) {
      return finish(NEEDS_OPERATOR, promotedButStuck(reason));
    }
    try {
      String undone = recorder.step("roll back", () -> rollback());
      return finish(FAILED, reason + "; rolled back: " + undone);
    } catch (TemporalFailure rollbackFailure) {
      rethrowCancellation(rollbackFailure);
      return finish(
          NEEDS_OPERATOR,
          reason
              + "; rollback failed: "
              + StepRecorder.rootMessage(rollbackFailure)
              + ", "
              + topology.primary().name()
              + " may take no writes");
    }
  }

  private String rollback() {
    String undone = SwitchoverRollback.run(topology, held, stopped);
    if (held) {
      writesHeldMillis = Workflow.currentTimeMillis() - heldAt;
    }
    return undone;
  }

  private String promotedButStuck(String reason) {
    if (timeline == 0) {
      return reason
          + "; "
          + topology.standby().name()
          + " may be promoted or not, "
          + topology.primary().name()
          + " is stopped and left so (starting it could make two primaries)";
    }
    return reason;
  }

  private SwitchoverResult finish(SwitchoverOutcome outcome, String reason) {
    LOG.warn("switchover {}: {}", outcome, reason);
    recorder.failed(reason);
    return result(outcome, reason);
  }

  private SwitchoverResult result(SwitchoverOutcome outcome, String reason) {
    return new SwitchoverResult(
        outcome, reason, topology, timeline, writesHeldMillis, recorder.view());
  }

  private PostgresHostActivities host(
      ClusterNode node, Functions.Func1<String, ActivityOptions> options) {
    return Workflow.newActivityStub(
        PostgresHostActivities.class, options.apply(topology.taskQueue(node)));
  }

  private static void rethrowCancellation(TemporalFailure failure) {
    if (failure instanceof CanceledFailure || failure.getCause() instanceof CanceledFailure) {
      throw failure;
    }
  }
}
