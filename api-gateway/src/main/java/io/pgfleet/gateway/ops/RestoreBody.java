package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/clusters/{id}/restore} as the OpenAPI document shows it; the
 * controller reads it as JSON itself ({@link RestoreRequests}) so each mistake gets its own 400.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A point-in-time restore")
public record RestoreBody(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Target target,
    @Schema(description = "the backup to start from; absent: the newest suitable one")
        String backupId,
    @Schema(
            allowableValues = {"in_place", "new_cluster"},
            defaultValue = "in_place")
        String mode,
    @Schema(description = "the cluster to create; required with mode new_cluster")
        String newInstanceId) {

  /** Exactly one key; every target is inclusive. */
  @Schema(description = "exactly one of the keys")
  public record Target(
      @Schema(description = "ISO-8601 with offset", example = "2026-11-22T08:15:30Z") String time,
      @Schema(description = "a transaction id, positive", example = "1234") String xid,
      @Schema(description = "a WAL position X/Y (hex)", example = "0/5000028") String lsn,
      @Schema(description = "a restore point name, at most 63 bytes") String name,
      @Schema(description = "true: recover to the end of the archive") Boolean latest) {}
}
