package io.pgfleet.workflows.iaas;

import java.util.Map;

/**
 * A disk snapshot.
 *
 * @param diskCid the disk it was taken of
 * @param state {@code pending}, {@code completed} or {@code error}
 * @param startedAtMillis the snapshot's point in time (epoch milliseconds, the IaaS's clock)
 * @param sizeGb the size of the disk it was taken of, in GiB
 */
public record SnapshotInfo(
    String snapshotId,
    String diskCid,
    String state,
    long startedAtMillis,
    int sizeGb,
    Map<String, String> tags) {

  public static final String PENDING = "pending";
  public static final String COMPLETED = "completed";
  public static final String ERROR = "error";

  /** Whether the data is all there (not isCompleted: Jackson would send an is-getter along). */
  public boolean completed() {
    return COMPLETED.equals(state);
  }
}
