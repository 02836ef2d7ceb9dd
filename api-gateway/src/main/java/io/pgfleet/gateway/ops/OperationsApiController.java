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
  private final BackupService backups;

  public OperationsApiController(
      ClusterQueries queries, FailoverService failovers, BackupService backups) {
    this.queries = queries;
    this.failovers = failovers;
    this.backups = backups;
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
    OpsResponses.OperationAccepted accepted =
        failovers.failover(Ids.require("cluster id", id), body);
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/operations/" + accepted.operationId()))
        .body(accepted);
  }

  @PostMapping("/clusters/{id}/backups")
  @Operation(
      summary = "Take a base backup of the cluster",
      description =
          "Runs a BackupWorkflow while the cluster keeps taking writes: snapshot mode (default)"
              + " takes an IaaS snapshot of the primary's disk between pg_backup_start and"
              + " pg_backup_stop; copy mode a pgBackRest backup. Recorded in the catalog beside"
              + " the cluster's WAL archive. Optional body: {\"mode\": \"snapshot\"|\"copy\"}.",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "202", description = "accepted; follow the operation")
  @ApiResponse(
      responseCode = "400",
      description = "unknown mode",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no such cluster",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the cluster cannot be backed up in its phase",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "422",
      description = "another operation runs (error ConcurrencyError); retry after it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ResponseEntity<OpsResponses.OperationAccepted> backup(
      @PathVariable String id, @RequestBody(required = false) BackupBody body) {
    OpsResponses.OperationAccepted accepted = backups.backup(Ids.require("cluster id", id), body);
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/operations/" + accepted.operationId()))
        .body(accepted);
  }

  @GetMapping("/clusters/{id}/backups")
  @Operation(
      summary = "The cluster's recent backups, oldest first, with status and LSNs",
      security = @SecurityRequirement(name = "admin"))
  public List<OpsResponses.Backup> backups(@PathVariable String id) {
    return backups.backups(Ids.require("cluster id", id));
  }

  @GetMapping("/operations/{operationId}")
  public OpsResponses.Operation operation(@PathVariable String operationId) {
    return queries.operation(Ids.require("operation id", operationId));
  }
}
