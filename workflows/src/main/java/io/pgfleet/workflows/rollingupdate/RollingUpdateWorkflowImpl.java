package io.pgfleet.workflows.rollingupdate;

import static io.pgfleet.workflows.rollingupdate.RollingUpdateOutcome.FAILED;
import static io.pgfleet.workflows.rollingupdate.RollingUpdateOutcome.NEEDS_OPERATOR;
import static io.pgfleet.workflows.rollingupdate.RollingUpdateOutcome.UPDATED;

import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.bosh.ManifestActivities;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.switchover.SwitchoverInput;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import io.pgfleet.workflows.switchover.SwitchoverResult;
import io.pgfleet.workflows.switchover.SwitchoverWorkflow;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Rolls a new manifest and new PostgreSQL settings over the cluster one VM at a time: the pgpools,
 * the standby, a switchover (the only write gap), then the old primary as a standby. The primary is
 * never stopped before the switchover; a failure before it ends FAILED with writes still flowing.
 */
public final class RollingUpdateWorkflowImpl implements RollingUpdateWorkflow {

  private static final Logger LOG = Workflow.getLogger(RollingUpdateWorkflowImpl.class);

  private final StepRecorder recorder;
  private Topology topology;
  private final List<String> updated = new ArrayList<>();
  private final Set<ClusterNode> held = new LinkedHashSet<>();
  private boolean switchoverStarted;
  private boolean switchedOver;

  @WorkflowInit
  public RollingUpdateWorkflowImpl(RollingUpdateInput input) {
    recorder =
        new StepRecorder(input.operationId(), input.clusterId(), OperationType.ROLLING_UPDATE);
    topology = input.topology();
  }

  @Override
  public RollingUpdateResult update(RollingUpdateInput input) {
    recorder.step("check plan", () -> RollingUpdatePlan.check(input));
    Plan plan = RollingUpdatePlan.effective(input);
    BoshRoll bosh = new BoshRoll(input);
    try {
      String manifest = recorder.step("render manifest", () -> render(input, plan));
      recorder.step("hold instances", () -> hold(bosh));
      recorder.step("update deployment record", () -> bosh.deploy(manifest));
      for (ClusterNode pgpool : topology.pgpools()) {
        roll(pgpool, () -> PgpoolRoll.run(input, topology, pgpool, bosh));
      }
      ClusterNode standby = topology.standby();
      ClusterNode oldPrimary = topology.primary();
      roll(standby, () -> postgres(input, plan, standby, bosh));
      SwitchoverResult switchover = recorder.step("switchover", () -> switchover(input, plan));
      if (switchover.outcome() != SwitchoverOutcome.SWITCHED_OVER) {
        return stopped(switchover, bosh);
      }
      roll(oldPrimary, () -> postgres(input, plan, oldPrimary, bosh));
      recorder.step("release instances", () -> release(bosh));
      Map<String, Map<String, String>> settings =
          recorder.step("record", () -> RollingUpdateRecord.settings(input, topology, plan));
      String reason =
          "updated %s; switched over to %s; %s"
              .formatted(
                  String.join(", ", updated),
                  topology.primary().name(),
                  RollingUpdateRecord.describe(settings, plan));
      LOG.info(reason);
      recorder.succeeded();
      return result(UPDATED, reason, settings);
    } catch (TemporalFailure failure) {
      rethrowCancellation(failure);
      return failed(input, failure, bosh);
    }
  }

  @Override
  public OperationView progress() {
    return recorder.view();
  }

  private String render(RollingUpdateInput input, Plan plan) {
    ManifestActivities manifests =
        Workflow.newActivityStub(ManifestActivities.class, ActivityPolicies.QUICK);
    return manifests.renderCluster(
        new ClusterManifestInput(input.clusterId(), input.deployment(), plan));
  }

  /** Recorded before the call: a hold whose answer was lost is released too. */
  private void hold(BoshRoll bosh) {
    held.addAll(topology.nodes());
    bosh.ignore(List.copyOf(held), true);
  }

  private void release(BoshRoll bosh) {
    bosh.ignore(List.copyOf(held), false);
    held.clear();
  }

  private void roll(ClusterNode node, io.temporal.workflow.Functions.Func<String> body) {
    String done = recorder.step("update " + node.name(), body);
    held.remove(node);
    updated.add(node.name());
    LOG.info(done);
  }

  private String postgres(RollingUpdateInput input, Plan plan, ClusterNode node, BoshRoll bosh) {
    return PostgresRoll.run(
        input, topology, node, plan.postgresParameters(), plan.maximumLagOnFailoverBytes(), bosh);
  }

  private SwitchoverResult switchover(RollingUpdateInput input, Plan plan) {
    switchoverStarted = true;
    SwitchoverWorkflow child =
        Workflow.newChildWorkflowStub(
            SwitchoverWorkflow.class,
            ChildWorkflowOptions.newBuilder().setWorkflowId(switchoverId(input)).build());
    SwitchoverResult result =
        child.switchover(
            new SwitchoverInput(
                input.clusterId(),
                input.operationId() + "-switchover",
                topology,
                input.secrets(),
                plan.maximumLagOnFailoverBytes(),
                plan.postgresParameters()));
    topology = result.topology();
    switchedOver = result.outcome() == SwitchoverOutcome.SWITCHED_OVER;
    return result;
  }

  /** From the operation, not this run's id: deterministic for retries, replays and queries. */
  static String switchoverId(RollingUpdateInput input) {
    return input.clusterId() + "-" + input.operationId() + "-switchover";
  }

  /** The switchover itself rolled back (FAILED) or needs an operator: its reason is the reason. */
  private RollingUpdateResult stopped(SwitchoverResult switchover, BoshRoll bosh) {
    RollingUpdateOutcome outcome =
        switchover.outcome() == SwitchoverOutcome.FAILED ? FAILED : NEEDS_OPERATOR;
    return finish(outcome, "switchover: " + switchover.reason() + releaseAfterFailure(bosh));
  }

  private RollingUpdateResult failed(
      RollingUpdateInput input, TemporalFailure failure, BoshRoll bosh) {
    String reason = recorder.currentStep() + " failed: " + StepRecorder.rootMessage(failure);
    if (switchoverStarted && !switchedOver) {
      // the child ended without a result (terminated, timed out): it may have held or stopped
      // the primary, and only its own history tells
      return finish(
          NEEDS_OPERATOR,
          reason
              + "; the switchover %s ended without a result: check %s"
                  .formatted(switchoverId(input), topology.primary().name())
              + releaseAfterFailure(bosh));
    }
    String state =
        switchedOver
            ? "; %s is the primary and takes writes, updated: %s"
                .formatted(topology.primary().name(), updatedText())
            : "; %s untouched and still the primary, updated: %s"
                .formatted(topology.primary().name(), updatedText());
    return finish(FAILED, reason + state + releaseAfterFailure(bosh));
  }

  /**
   * Unignores what is still held, so later BOSH actions (a failover's recreate, a resurrection) may
   * act on those VMs; BOSH's record keeps the new manifest, which running the update again rolls
   * out the same careful way.
   */
  private String releaseAfterFailure(BoshRoll bosh) {
    if (held.isEmpty()) {
      return "";
    }
    try {
      recorder.step("release instances", () -> release(bosh));
      return "";
    } catch (TemporalFailure failure) {
      rethrowCancellation(failure);
      return "; still ignored in BOSH: "
          + held.stream().map(ClusterNode::name).toList()
          + " ("
          + StepRecorder.rootMessage(failure)
          + ")";
    }
  }

  private String updatedText() {
    return updated.isEmpty() ? "none" : String.join(", ", updated);
  }

  private RollingUpdateResult finish(RollingUpdateOutcome outcome, String reason) {
    LOG.warn("rolling update {}: {}", outcome, reason);
    recorder.failed(reason);
    return result(outcome, reason, Map.of());
  }

  private RollingUpdateResult result(
      RollingUpdateOutcome outcome, String reason, Map<String, Map<String, String>> settings) {
    return new RollingUpdateResult(
        outcome, reason, topology, List.copyOf(updated), settings, recorder.view());
  }

  private static void rethrowCancellation(TemporalFailure failure) {
    if (failure instanceof CanceledFailure || failure.getCause() instanceof CanceledFailure) {
      throw failure;
    }
  }
}
