package io.pgfleet.gateway.rollouts;

import io.pgfleet.workflows.rollout.FleetRolloutInput;
import io.pgfleet.workflows.rollout.RolloutProgress;
import java.util.Optional;

/**
 * Fleet rollouts as the gateway drives them: each is a {@code FleetRolloutWorkflow} with id {@code
 * rollout/<rolloutId>}. Refusals surface as the gateway's cluster exceptions (ConflictException,
 * ConcurrencyException, NotFoundException, UnavailableException).
 */
public interface Rollouts {

  /** Starts the rollout; an id already used (running or finished) is a ConflictException. */
  void start(FleetRolloutInput input);

  /** The rollout as it stands; empty when there is none with that id. */
  Optional<RolloutProgress> progress(String rolloutId);

  RolloutProgress pause(String rolloutId, String reason);

  RolloutProgress resume(String rolloutId);

  RolloutProgress abort(String rolloutId, String reason);
}
