package io.pgfleet.gateway.inventory;

/** What happened to a request, as the operation_log records it. */
public enum AuditEvent {
  /** A platform or operator asked; written before anything else happens. */
  REQUESTED,
  /** The cluster's workflow accepted the operation; it now runs. */
  ACCEPTED,
  /** Refused (validation, conflict, workflow unreachable); nothing was changed. */
  REJECTED,
  SUCCEEDED,
  FAILED;

  String column() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
