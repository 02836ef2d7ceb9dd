package io.pgfleet.workflows.restore;

/** Where a restore puts the data. */
public enum RestoreMode {
  /**
   * Into the cluster the backup came from, replacing its data; its old disks are kept until the
   * restore succeeded.
   */
  IN_PLACE,
  /** Into another, freshly provisioned cluster; the source stays untouched. */
  NEW_CLUSTER
}
