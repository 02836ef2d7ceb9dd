package io.pgfleet.gateway.rollouts;

import io.pgfleet.gateway.clusters.ConcurrencyException;
import io.pgfleet.gateway.clusters.ConflictException;
import io.pgfleet.gateway.clusters.InvalidRequestException;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.gateway.clusters.UnavailableException;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.rollout.FleetRolloutInput;
import io.pgfleet.workflows.rollout.FleetRolloutWorkflow;
import io.pgfleet.workflows.rollout.FleetRolloutWorkflowImpl;
import io.pgfleet.workflows.rollout.RolloutProgress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Function;

/** {@link Rollouts} over the Temporal client, on the control plane's task queue. */
public final class TemporalRollouts implements Rollouts {

  private static final SearchAttributeKey<String> ROLLOUT_ID =
      SearchAttributeKey.forKeyword("PgRolloutId");

  private final WorkflowClient client;

  public TemporalRollouts(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void start(FleetRolloutInput input) {
    FleetRolloutWorkflow rollout =
        client.newWorkflowStub(
            FleetRolloutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId(input.rolloutId()))
                .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder().set(ROLLOUT_ID, input.rolloutId()).build())
                .build());
    try {
      WorkflowClient.start(rollout::rollOut, input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ConflictException("rollout " + input.rolloutId() + " exists already");
    } catch (RuntimeException e) {
      throw unavailable(input.rolloutId(), e);
    }
  }

  @Override
  public Optional<RolloutProgress> progress(String rolloutId) {
    try {
      return Optional.ofNullable(stub(rolloutId).progress());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        return Optional.empty();
      }
      throw unavailable(rolloutId, e);
    }
  }

  @Override
  public RolloutProgress pause(String rolloutId, String reason) {
    return update(rolloutId, rollout -> rollout.pause(reason));
  }

  @Override
  public RolloutProgress resume(String rolloutId) {
    return update(rolloutId, FleetRolloutWorkflow::resume);
  }

  @Override
  public RolloutProgress abort(String rolloutId, String reason) {
    return update(rolloutId, rollout -> rollout.abort(reason));
  }

  private RolloutProgress update(
      String rolloutId, Function<FleetRolloutWorkflow, RolloutProgress> update) {
    try {
      return update.apply(stub(rolloutId));
    } catch (WorkflowUpdateException e) {
      throw refusal(e);
    } catch (WorkflowNotFoundException e) {
      throw new NotFoundException("rollout " + rolloutId + " is not running");
    } catch (RuntimeException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        throw new NotFoundException("rollout " + rolloutId + " is not running");
      }
      throw unavailable(rolloutId, e);
    }
  }

  private FleetRolloutWorkflow stub(String rolloutId) {
    return client.newWorkflowStub(FleetRolloutWorkflow.class, workflowId(rolloutId));
  }

  static String workflowId(String rolloutId) {
    return FleetRolloutWorkflowImpl.ROLLOUT_PREFIX + rolloutId;
  }

  /** The validators' categories: "conflict:" (409), "concurrency:" (422). */
  private static RuntimeException refusal(WorkflowUpdateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure failure) {
        String message = failure.getOriginalMessage();
        if (message.startsWith("conflict:")) {
          return new ConflictException(message.substring("conflict:".length()).trim());
        }
        if (message.startsWith("concurrency:")) {
          return new ConcurrencyException(message.substring("concurrency:".length()).trim());
        }
        return new InvalidRequestException(message);
      }
    }
    return new UnavailableException("rollout update failed: " + e.getMessage(), e);
  }

  private static UnavailableException unavailable(String rolloutId, RuntimeException e) {
    return new UnavailableException(
        "rollout "
            + rolloutId
            + " could not be reached through the workflow service: "
            + e.getMessage(),
        e);
  }
}
