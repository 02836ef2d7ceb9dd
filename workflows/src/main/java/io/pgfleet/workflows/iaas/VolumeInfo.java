package io.pgfleet.workflows.iaas;

import java.util.Map;

/**
 * A volume (persistent disk).
 *
 * @param volumeId the disk cid
 * @param snapshotId the snapshot it was made from, or null
 * @param state {@code creating}, {@code available}, {@code in-use}, {@code deleting} or {@code
 *     error}
 * @param attachedTo the VM cid it is attached to, or null
 */
public record VolumeInfo(
    String volumeId,
    String snapshotId,
    String availabilityZone,
    String state,
    int sizeGb,
    String attachedTo,
    Map<String, String> tags) {

  public static final String AVAILABLE = "available";
  public static final String IN_USE = "in-use";
}
