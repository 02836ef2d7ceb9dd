package io.pgfleet.workflows.alert;

/** How urgently someone must look. */
public enum AlertSeverity {
  /** Something is back to normal. */
  RESOLVED,
  /** The platform handled it, an operator should know (e.g. a failover that succeeded). */
  WARNING,
  /** Nothing more happens without an operator (needs-operator phase, failed backup). */
  CRITICAL
}
