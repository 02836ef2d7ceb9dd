package io.pgfleet.testenv.cloud.ec2;

import java.time.Instant;
import java.util.UUID;

/** Identifiers and timestamps as EC2 writes them. */
final class Ec2Ids {

  /** EC2's long ids: a prefix and 17 hex digits (the local cloud's VM and disk cids alike). */
  private static final int ID_DIGITS = 17;

  /** The account every local resource belongs to. */
  static final String OWNER_ID = "000000000000";

  static final String SNAPSHOT_PREFIX = "snap-";
  static final String VOLUME_PREFIX = "disk-";
  static final String INSTANCE_PREFIX = "vm-";

  private Ec2Ids() {}

  static String snapshotId() {
    return SNAPSHOT_PREFIX + hex();
  }

  static String volumeId() {
    return VOLUME_PREFIX + hex();
  }

  static String requestId() {
    return UUID.randomUUID().toString();
  }

  /** ISO 8601 in UTC, e.g. {@code 2016-11-15T10:20:30.123Z}. */
  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static String hex() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, ID_DIGITS);
  }
}
