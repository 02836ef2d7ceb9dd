package io.pgfleet.workflows;

/**
 * Every ApplicationFailure type pgfleet raises, in one place. Workflows branch on these; a type
 * marked non-retryable is thrown with {@code ApplicationFailure.newNonRetryableFailure}.
 */
public enum FailureType {
  /** A BOSH task ended in error, cancelled or timeout; retrying the same request will not help. */
  BOSH_TASK_FAILED(false),
  /** Another task holds the deployment lock; try again later. */
  BOSH_DEPLOYMENT_LOCKED(true),
  /** The Director refused a request (4xx with a Director error code). */
  BOSH_REQUEST_REJECTED(false),
  /** The Director could not be reached or answered 5xx. */
  BOSH_UNAVAILABLE(true),
  /** A command on a VM (initdb, pg_ctl, pg_basebackup, pgpool …) exited non-zero. */
  HOST_COMMAND_FAILED(true),
  /** The VM's state contradicts the request (e.g. a data directory of another cluster). */
  HOST_STATE_CONFLICT(false),
  /** The IaaS API was throttled, answered 5xx or could not be reached; try again later. */
  IAAS_UNAVAILABLE(true),
  /** The IaaS has no such VM, disk, snapshot or volume (where absence is not success). */
  IAAS_NOT_FOUND(false),
  /**
   * The IaaS refused the request (invalid parameter, bad credentials, resource in the wrong state
   * such as an attached volume) or the resource ended in error.
   */
  IAAS_REQUEST_REJECTED(false),
  /**
   * No configured alert channel (webhook, e-mail) took the alert; the log line alone does not
   * count. Retrying sends it again with the same alert id.
   */
  ALERT_DELIVERY_FAILED(true),
  /**
   * A base backup's session on the node agent is gone (the agent restarted, the session expired, or
   * pg_backup_stop failed): PostgreSQL has abandoned that backup, so start a new one.
   */
  BACKUP_SESSION_LOST(false),
  /** The object store (S3 API) could not be reached, throttled or answered 5xx. */
  OBJECT_STORE_UNAVAILABLE(true),
  /** The object store refused the request (no such bucket, access denied, invalid request). */
  OBJECT_STORE_REJECTED(false),
  /** The input is wrong and stays wrong however often it is retried. */
  INVALID_INPUT(false),
  /**
   * PostgreSQL ended a point-in-time recovery without reaching its target (the archive does not
   * hold the WAL up to it, or an xid / restore point that never existed); the server is stopped.
   */
  RECOVERY_TARGET_NOT_REACHED(false),
  /**
   * An operation workflow failed after rolling back what it could; the message names the failed
   * step and why, the details carry the operation's {@code OperationView}.
   */
  OPERATION_FAILED(false);

  private final boolean retryable;

  FailureType(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
