package io.pgfleet.testenv.cloud.ec2;

/**
 * A snapshot: a copy of a disk directory at {@code <state>/snapshots/<snapshot-id>/}.
 *
 * @param state pending (copying), completed or error
 * @param startTime when it was requested: its point in time (epoch milliseconds)
 * @param volumeSizeGb the size of the disk it was taken of
 */
record SnapshotRecord(
    String snapshotId,
    String volumeId,
    String description,
    String state,
    String stateMessage,
    long startTime,
    int volumeSizeGb) {

  static final String PENDING = "pending";
  static final String COMPLETED = "completed";
  static final String ERROR = "error";

  SnapshotRecord withState(String newState, String message) {
    return new SnapshotRecord(
        snapshotId, volumeId, description, newState, message, startTime, volumeSizeGb);
  }
}
