package io.pgfleet.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.cluster.ArchiveHealth;
import io.pgfleet.workflows.cluster.BackupSummary;
import io.pgfleet.workflows.cluster.NodeView;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Bodies of the operations API; enum values travel in lower case (primary, in_progress …). */
public final class OpsResponses {

  private OpsResponses() {}

  /**
   * @param phase the workflow's phase, or "unknown" when its workflow could not be asked
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ClusterSummary(
      String id,
      String plan,
      String planId,
      String phase,
      Instant createdAt,
      String lastOperationId) {}

  /**
   * @param endpoints host:port of the pgpool nodes, where applications connect
   * @param archiving WAL archiving as the primary last reported it; null before its first report
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ClusterDetail(
      String id,
      String serviceId,
      String plan,
      String planId,
      String phase,
      Instant createdAt,
      List<Node> nodes,
      List<String> endpoints,
      List<String> bindingIds,
      JsonNode parameters,
      String lastOperationId,
      Archiving archiving) {}

  /**
   * WAL archiving of the cluster's primary (its node agent reports each change of state).
   *
   * @param healthy the latest archive attempt succeeded and no WAL waits too long
   * @param problem what is wrong; null when healthy
   * @param reportedAt when the primary's agent saw this state
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Archiving(
      String reporter,
      boolean healthy,
      String problem,
      String lastArchivedWal,
      Instant lastArchivedAt,
      int pendingSegments,
      Long oldestPendingSeconds,
      Long lagBytes,
      Instant reportedAt) {

    static Archiving of(ArchiveHealth h) {
      return h == null
          ? null
          : new Archiving(
              h.reporter(),
              h.healthy(),
              h.problem(),
              h.lastArchivedWal(),
              h.lastArchivedAtMillis() == null
                  ? null
                  : Instant.ofEpochMilli(h.lastArchivedAtMillis()),
              h.pendingSegments(),
              h.oldestPendingSeconds(),
              h.lagBytes(),
              Instant.ofEpochMilli(h.atMillis()));
    }
  }

  /**
   * @param name BOSH instance name, e.g. postgres/0
   * @param role primary, standby or pgpool
   */
  public record Node(String name, String role, String host, int port, String state) {

    static Node of(NodeView node) {
      return new Node(node.name(), lower(node.role()), node.host(), node.port(), node.state());
    }
  }

  /** 202 for an operation that now runs; follow it at /api/v1/operations/{operation_id}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OperationAccepted(String operationId, String clusterId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Operation(
      String operationId,
      String clusterId,
      String type,
      String state,
      String description,
      Instant startedAt,
      Instant finishedAt,
      String error,
      List<Step> steps) {

    static Operation of(OperationView op) {
      return new Operation(
          op.operationId(),
          op.clusterId(),
          lower(op.type()),
          lower(op.state()),
          op.description(),
          Instant.ofEpochMilli(op.startedAtMillis()),
          instant(op.finishedAtMillis()),
          op.error(),
          op.steps() == null ? List.of() : op.steps().stream().map(Step::of).toList());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Step(
      String name, String state, Instant startedAt, Instant finishedAt, String error) {

    static Step of(StepView step) {
      return new Step(
          step.name(),
          lower(step.state()),
          Instant.ofEpochMilli(step.startedAtMillis()),
          instant(step.finishedAtMillis()),
          step.error());
    }
  }

  /**
   * One backup of a cluster.
   *
   * @param status queued, in_progress, succeeded (restorable) or failed
   * @param startLsn where recovery from it begins; stopLsn the earliest point it restores to
   * @param startTime the database's clock at the backup's start; stopTime at its stop
   * @param verified whether its newest verification passed; null until one ran
   * @param verification that verification; null until one ran
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Backup(
      String backupId,
      String operationId,
      String mode,
      String status,
      Instant requestedAt,
      Instant finishedAt,
      String startLsn,
      String stopLsn,
      Instant startTime,
      Instant stopTime,
      Integer timeline,
      String error,
      Boolean verified,
      BackupResponses.VerificationOutcome verification) {

    static Backup of(BackupSummary b) {
      BackupVerification v = b.verification();
      return new Backup(
          b.backupId(),
          b.operationId(),
          lower(b.mode()),
          lower(b.status()),
          Instant.ofEpochMilli(b.requestedAtMillis()),
          instant(b.finishedAtMillis()),
          b.startLsn(),
          b.stopLsn(),
          instant(b.startedAtMillis()),
          instant(b.stoppedAtMillis()),
          b.timeline(),
          b.error(),
          v == null ? null : v.passed(),
          BackupResponses.VerificationOutcome.of(v));
    }
  }

  static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
