package io.pgfleet.workflows.cluster;

public enum NodeRole {
  PRIMARY,
  STANDBY,
  PGPOOL
}
