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

/** Rolling updates of one cluster (bearer token). */
@RestController
@RequestMapping("/api/v1")
public class UpdateApiController {

  private final RollingUpdateService updates;

  public UpdateApiController(RollingUpdateService updates) {
    this.updates = updates;
  }

  @PostMapping("/clusters/{id}/rolling-update")
  @Operation(
      summary = "Apply a new manifest node by node, with one switchover",
      description =
          "Runs a RollingUpdateWorkflow: the pgpool VMs one at a time, the standby, a switchover,"
              + " then the old primary; clients see one write gap. Optional body:"
              + " {\"description\": \"...\", \"postgres_parameters\": {\"work_mem\": \"8MB\"},"
              + " \"recreate\": true, \"plan\": \"medium\"}. No body recreates every VM with the"
              + " current manifest; a plan makes it a plan change (upgrade paths only, never a"
              + " smaller disk).",
      security = @SecurityRequirement(name = "admin"))
  @ApiResponse(responseCode = "202", description = "accepted; follow the operation")
  @ApiResponse(
      responseCode = "400",
      description = "a malformed body, an unknown plan, a smaller disk",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no such cluster",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the cluster cannot be updated in its phase, or the plan is off its paths",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @ApiResponse(
      responseCode = "422",
      description = "another operation runs (error ConcurrencyError); retry after it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public ResponseEntity<OpsResponses.OperationAccepted> rollingUpdate(
      @PathVariable String id, @RequestBody(required = false) JsonNode body) {
    return OperationsApiController.accepted(updates.update(Ids.require("cluster id", id), body));
  }
}
