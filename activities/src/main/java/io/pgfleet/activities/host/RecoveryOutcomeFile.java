package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.RecoveryOutcome;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A finished recovery's outcome, one {@code key=value} per line: after the promotion PostgreSQL no
 * longer knows where recovery stopped once it restarts, so a repeated awaitRecovery reads it here.
 */
final class RecoveryOutcomeFile {
  private RecoveryOutcomeFile() {}

  static String render(RecoveryOutcome o) {
    return "timeline="
        + o.timeline()
        + "\nendLsn="
        + o.endLsn()
        + "\nlastCommitAtMillis="
        + (o.lastCommitAtMillis() == null ? "" : o.lastCommitAtMillis())
        + "\nstopReason="
        + (o.stopReason() == null ? "" : o.stopReason().replace('\n', ' '))
        + "\n";
  }

  static Optional<RecoveryOutcome> parse(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    try {
      int timeline = Integer.parseInt(values.getOrDefault("timeline", ""));
      String endLsn = values.get("endLsn");
      if (endLsn == null || endLsn.isEmpty()) {
        return Optional.empty();
      }
      String commit = values.getOrDefault("lastCommitAtMillis", "");
      String reason = values.getOrDefault("stopReason", "");
      return Optional.of(
          new RecoveryOutcome(
              timeline,
              endLsn,
              commit.isEmpty() ? null : Long.valueOf(commit),
              reason.isEmpty() ? null : reason));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
