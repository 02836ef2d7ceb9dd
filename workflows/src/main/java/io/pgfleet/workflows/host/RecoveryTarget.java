package io.pgfleet.workflows.host;

/**
 * Where a point-in-time recovery stops, see {@link RecoveryTargetKind} for each kind's inclusive
 * meaning.
 *
 * @param value the timestamp, xid, LSN or restore point name; null for {@link
 *     RecoveryTargetKind#LATEST}
 */
public record RecoveryTarget(RecoveryTargetKind kind, String value) {

  public static RecoveryTarget latest() {
    return new RecoveryTarget(RecoveryTargetKind.LATEST, null);
  }

  /** For logs and errors: {@code time 2026-11-22T08:15:30Z}, {@code latest}. */
  public String describe() {
    return value == null
        ? kind.name().toLowerCase(java.util.Locale.ROOT)
        : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
  }
}
