package io.pgfleet.gateway.ops;

import io.pgfleet.gateway.web.ErrorBody;
import io.pgfleet.gateway.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations API for operators (bearer token): clusters, their nodes and operations, and
 * commands on a cluster.
 */
@RestController
@RequestMapping("/api/v1")
public class OperationsApiController {

  private final ClusterQueries queries;
  private final FailoverService failovers;
  private final SwitchoverService switchovers;

  public OperationsApiController(
      ClusterQueries queries, FailoverService failovers, SwitchoverService switchovers) {
    this.queries = queries;
    this.failovers = failovers;
    this.switchovers = switchovers;
  }

  @GetMapping("/clusters")
  public List<OpsResponses.ClusterSummary> clusters() {
    return queries.clusters();
  }

  @GetMapping("/clusters/{id}")
  public OpsResponses.ClusterDetail cluster(@PathVariable String id) {
    return queries.cluster(Ids.require("cluster id", id));
  }

  @GetMapping("/clusters/{id}/operations")
  public List<OpsResponses.Operation> clusterOperations(@PathVariable String id) {
    return queries.operations(Ids.require("cluster id", id));
  }

  @GetMapping("/clusters/{id}/operations/{operationId}")
  public OpsResponses.Operation clusterOperation(
      @PathVariable String id, @PathVariable String operationId) {
    return queries.operation(
        Ids.require("cluster id", id), Ids.require("operation id", operationId));
  }

  @PostMapping("/clusters/{id}/failover")
  @Operation(
      summary = "Replace the cluster's primary with its standby",
      description =
          "Runs the same FailoverWorkflow as an automatic failover (confirm, choose, fence,"
              + " promote, re-route, rebuild redundancy); the answer comes once the cluster's"
              + " workflow accepted it. Optional body: {\"reason\": \"...\"}.",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "202", description = "accepted; follow the operation")
  @ApiResponse(
      responseCode = "404",
      description = "no such cluster",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the cluster cannot fail over in its phase",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "422",
      description = "another operation runs (error ConcurrencyError); retry after it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ResponseEntity<OpsResponses.OperationAccepted> failover(
      @PathVariable String id, @RequestBody(required = false) FailoverBody body) {
    return accepted(failovers.failover(Ids.require("cluster id", id), body));
  }

  @PostMapping("/clusters/{id}/switchover")
  @Operation(
      summary = "Planned change of primary: the standby takes over without losing writes",
      description =
          "Runs a SwitchoverWorkflow; the answer comes once the cluster's workflow accepted it."
              + " Optional body: {\"reason\": \"...\"} (at most 1000 characters).",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "202", description = "accepted; follow the operation")
  @ApiResponse(
      responseCode = "400",
      description = "reason too long",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no such cluster",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the cluster cannot switch over in its phase",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "422",
      description = "another operation runs (error ConcurrencyError); retry after it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ResponseEntity<OpsResponses.OperationAccepted> switchover(
      @PathVariable String id, @RequestBody(required = false) SwitchoverBody body) {
    return accepted(switchovers.switchover(Ids.require("cluster id", id), body));
  }

  @GetMapping("/operations/{operationId}")
  public OpsResponses.Operation operation(@PathVariable String operationId) {
    return queries.operation(Ids.require("operation id", operationId));
  }

  /** 202 with the operation to follow. */
  static ResponseEntity<OpsResponses.OperationAccepted> accepted(
      OpsResponses.OperationAccepted accepted) {
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/operations/" + accepted.operationId()))
        .body(accepted);
  }
}
