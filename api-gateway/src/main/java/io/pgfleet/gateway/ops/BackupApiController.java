package io.pgfleet.gateway.ops;

import io.pgfleet.gateway.web.ApiException;
import io.pgfleet.gateway.web.ErrorBody;
import io.pgfleet.gateway.web.Ids;
import io.pgfleet.workflows.backup.BackupNaming;
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

/** Backups of a cluster, and verifications of one backup (bearer token). */
@RestController
@RequestMapping("/api/v1")
public class BackupApiController {

  private final BackupService backups;
  private final VerificationService verifications;

  public BackupApiController(BackupService backups, VerificationService verifications) {
    this.backups = backups;
    this.verifications = verifications;
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
    return OperationsApiController.accepted(backups.backup(Ids.require("cluster id", id), body));
  }

  @GetMapping("/clusters/{id}/backups")
  @Operation(
      summary = "The cluster's recent backups, oldest first, and its latest restorable time",
      description =
          "Each backup with status, LSNs and its newest verification (verified: true, false, or"
              + " null before one ran). latest_restorable_time is when the newest WAL segment"
              + " reached the archive (no time target after it can be reached); it is null when"
              + " the archive could not be read within 10 s, and latest_restorable_time_error"
              + " says why. The listing never fails for it.",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "200", description = "the backups")
  @ApiResponse(
      responseCode = "404",
      description = "no such cluster",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public BackupResponses.BackupList backups(@PathVariable String id) {
    return backups.backups(Ids.require("cluster id", id));
  }

  @PostMapping("/backups/{backupId}/verify")
  @Operation(
      summary = "Prove a backup restorable",
      description =
          "Starts a VerifyBackupWorkflow: the backup is restored into a throw-away cluster,"
              + " checked (server starts, every relation readable, sentinel rows) and the outcome"
              + " recorded with the backup; the throw-away cluster is destroyed whatever the"
              + " outcome. The cluster keeps serving. Follow it at the Location.",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "202", description = "started")
  @ApiResponse(
      responseCode = "400",
      description = "malformed backup id",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "404",
      description = "unknown backup (error NotFound) or its cluster no longer exists",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the backup did not succeed (or is still running)",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ResponseEntity<BackupResponses.VerificationAccepted> verify(
      @PathVariable String backupId) {
    BackupResponses.VerificationAccepted accepted = verifications.verify(backupId(backupId));
    return ResponseEntity.accepted()
        .location(
            URI.create("/api/v1/backups/" + backupId + "/verifications/" + accepted.operationId()))
        .body(accepted);
  }

  @GetMapping("/backups/{backupId}/verifications/{operationId}")
  @Operation(
      summary = "How a verification started through the API stands",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "200", description = "its workflow's status, steps and outcome")
  @ApiResponse(
      responseCode = "404",
      description = "no such verification of this backup",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public BackupResponses.Verification verification(
      @PathVariable String backupId, @PathVariable String operationId) {
    return verifications.verification(backupId(backupId), Ids.require("operation id", operationId));
  }

  private static String backupId(String backupId) {
    if (!BackupNaming.isSafe(backupId)) {
      throw ApiException.badRequest(
          "backup id '"
              + backupId
              + "' is not a backup id: 1-128 letters, digits, '.', '_' or '-'");
    }
    return backupId;
  }
}
