package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.pgfleet.workflows.rollout.ClusterRolloutResult;
import io.pgfleet.workflows.rollout.RolloutProgress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Bodies of the rollout API (snake_case, states in lower case). */
public final class RolloutResponses {

  private RolloutResponses() {}

  /**
   * @param state running, paused, aborted or completed
   * @param waiting clusters not started yet (also those waiting for their maintenance window)
   * @param failures the most recent failed clusters (bounded)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Rollout(
      String rolloutId,
      String state,
      String pauseReason,
      boolean canariesDone,
      int total,
      int succeeded,
      int failed,
      List<String> inFlight,
      int waiting,
      List<Failure> failures) {

    static Rollout of(RolloutProgress progress) {
      return new Rollout(
          progress.rolloutId(),
          progress.state().name().toLowerCase(Locale.ROOT),
          progress.pauseReason(),
          progress.canariesDone(),
          progress.total(),
          progress.succeeded(),
          progress.failed(),
          progress.inFlight(),
          progress.waiting(),
          progress.failures().stream().map(Failure::of).toList());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Failure(String clusterId, String operationId, String error, Instant finishedAt) {
    static Failure of(ClusterRolloutResult result) {
      return new Failure(
          result.clusterId(),
          result.operationId(),
          result.error(),
          Instant.ofEpochMilli(result.finishedAtMillis()));
    }
  }

  /** A started rollout: follow it at {@code GET /api/v1/rollouts/{rollout_id}}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Started(String rolloutId, String workflowId) {}

  /** Optional body of pause and abort. */
  public record Reason(String reason) {}
}
