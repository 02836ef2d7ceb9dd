package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.rollouts.Rollouts;
import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.gateway.web.ErrorBody;
import io.pgfleet.gateway.web.Ids;
import io.pgfleet.workflows.rollout.FleetRolloutInput;
import io.pgfleet.workflows.rollout.FleetRolloutWorkflowImpl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fleet rollouts: start one, follow it, pause, resume or abort it (bearer token). */
@RestController
@RequestMapping("/api/v1/rollouts")
public class RolloutApiController {

  private final Rollouts rollouts;

  public RolloutApiController(Rollouts rollouts) {
    this.rollouts = rollouts;
  }

  @PostMapping
  @Operation(
      summary = "Roll a change over many clusters",
      description =
          "Starts a FleetRolloutWorkflow: exactly one of clusters=\"all\", plan (name or id) or"
              + " cluster_ids chooses the clusters; canaries (default 1) go first and must stay"
              + " healthy canary_health_wait_seconds (600); then waves of max_in_flight (5), each"
              + " cluster started only inside its maintenance window (respect_maintenance_windows,"
              + " default true); the rollout pauses itself when a canary fails or failed/finished"
              + " passes max_failure_ratio (0.2). Each cluster applies description,"
              + " postgres_parameters and recreate as a rolling update with one switchover.",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "202", description = "started; follow it at the Location")
  @ApiResponse(
      responseCode = "400",
      description = "a malformed body, names the field",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "409",
      description = "a rollout with that rollout_id exists",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ResponseEntity<RolloutResponses.Started> start(
      @RequestBody(required = false) JsonNode body) {
    FleetRolloutInput input = RolloutRequests.parse(body);
    rollouts.start(input);
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/rollouts/" + input.rolloutId()))
        .body(
            new RolloutResponses.Started(
                input.rolloutId(), FleetRolloutWorkflowImpl.ROLLOUT_PREFIX + input.rolloutId()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "How a rollout stands", security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "200", description = "its state and counts")
  @ApiResponse(
      responseCode = "404",
      description = "no such rollout",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public RolloutResponses.Rollout rollout(@PathVariable String id) {
    String rolloutId = Ids.require("rollout id", id);
    return rollouts
        .progress(rolloutId)
        .map(RolloutResponses.Rollout::of)
        .orElseThrow(() -> ApiException.notFound("rollout " + rolloutId + " does not exist"));
  }

  @PostMapping("/{id}/pause")
  @Operation(
      summary = "Start no further cluster; clusters in flight finish",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "200", description = "paused")
  @ApiResponse(
      responseCode = "409",
      description = "the rollout is aborted or completed",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public RolloutResponses.Rollout pause(
      @PathVariable String id, @RequestBody(required = false) RolloutResponses.Reason body) {
    return RolloutResponses.Rollout.of(
        rollouts.pause(Ids.require("rollout id", id), body == null ? null : body.reason()));
  }

  @PostMapping("/{id}/resume")
  @Operation(
      summary = "Start clusters again; the failure ratio counts afresh",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "200", description = "running")
  @ApiResponse(
      responseCode = "409",
      description = "the rollout is not paused",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public RolloutResponses.Rollout resume(@PathVariable String id) {
    return RolloutResponses.Rollout.of(rollouts.resume(Ids.require("rollout id", id)));
  }

  @PostMapping("/{id}/abort")
  @Operation(
      summary = "Stop for good once the clusters in flight finished",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "200", description = "aborted")
  @ApiResponse(
      responseCode = "409",
      description = "the rollout is aborted or completed already",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public RolloutResponses.Rollout abort(
      @PathVariable String id, @RequestBody(required = false) RolloutResponses.Reason body) {
    return RolloutResponses.Rollout.of(
        rollouts.abort(Ids.require("rollout id", id), body == null ? null : body.reason()));
  }
}
