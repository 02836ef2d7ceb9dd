package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.gateway.web.ErrorBody;
import io.pgfleet.gateway.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Point-in-time restore of a cluster, in place or into a new cluster (bearer token). */
@RestController
@RequestMapping("/api/v1")
public class RestoreApiController {

  private final RestoreService restores;

  public RestoreApiController(RestoreService restores) {
    this.restores = restores;
  }

  @PostMapping("/clusters/{id}/restore")
  @Operation(
      summary = "Restore the cluster's data from a backup to a point in time",
      description =
          "target: exactly one of time (ISO-8601 with offset), xid, lsn (X/Y), name (a restore"
              + " point) or latest: true; every target is inclusive. backup_id: the backup to"
              + " start from (default: the newest suitable one). mode in_place (default) replaces"
              + " the cluster's data (a RestoreWorkflow of the cluster; 202 with its operation);"
              + " new_cluster provisions new_instance_id with the source's plan and fills it from"
              + " the backup (202 with the new cluster's provision operation); the source is not"
              + " touched. Nothing changes on a 4xx.",
      security = @SecurityRequirement(name = "admin"))
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = RestoreBody.class)))
  @ApiResponse(responseCode = "202", description = "accepted; follow the operation")
  @ApiResponse(
      responseCode = "400",
      description =
          "malformed body: not exactly one target key, a bad value, unknown mode,"
              + " new_instance_id missing for new_cluster",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no such cluster, or unknown backup_id (error NotFound)",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "409",
      description =
          "the cluster cannot be restored in its phase, the backup did not succeed, or"
              + " new_instance_id exists",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "422",
      description = "another operation runs (error ConcurrencyError); retry after it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ResponseEntity<OpsResponses.OperationAccepted> restore(
      @PathVariable String id, @RequestBody(required = false) JsonNode body) {
    return OperationsApiController.accepted(restores.restore(Ids.require("cluster id", id), body));
  }
}
