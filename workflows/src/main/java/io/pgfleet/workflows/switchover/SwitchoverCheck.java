package io.pgfleet.workflows.switchover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.pgfleet.workflows.host.PostgresRole;

/** The check step's decision, a pure function: null when both nodes are ready, else why not. */
final class SwitchoverCheck {

  private SwitchoverCheck() {}

  static String refusal(
      ClusterNode primary,
      PostgresNodeStatus primaryStatus,
      ClusterNode standby,
      PostgresNodeStatus standbyStatus,
      long maximumLagBytes) {
    if (primaryStatus.role() != PostgresRole.PRIMARY) {
      return "%s is %s, not the primary".formatted(primary.name(), primaryStatus.role());
    }
    if (standbyStatus.role() != PostgresRole.STANDBY) {
      return "%s is %s, not a standby".formatted(standby.name(), standbyStatus.role());
    }
    if (!standbyStatus.streaming()) {
      return "%s does not stream from %s".formatted(standby.name(), primary.name());
    }
    if (standbyStatus.replayLagBytes() > maximumLagBytes) {
      return "%s is %d bytes behind, more than the %d allowed"
          .formatted(standby.name(), standbyStatus.replayLagBytes(), maximumLagBytes);
    }
    return null;
  }
}
