package io.pgfleet.workflows.operation;

/** The lifecycle operations a cluster runs, one workflow type each. */
public enum OperationType {
  PROVISION,
  DEPROVISION,
  BIND,
  UNBIND,
  FAILOVER,
  BACKUP,
  SWITCHOVER,
  RESTORE,
  VERIFY_BACKUP,
  ROLLING_UPDATE
}
