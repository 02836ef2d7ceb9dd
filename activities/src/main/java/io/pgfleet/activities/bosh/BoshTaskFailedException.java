package io.pgfleet.activities.bosh;

/**
 * A task ended in error, cancelled or timeout. Carries the task (its {@code result} is a truncated
 * message) and the last error from its event log (the full message), when there was one.
 */
public class BoshTaskFailedException extends BoshException {

  private final transient BoshTask task;
  private final transient BoshEvent lastError;

  public BoshTaskFailedException(BoshTask task, BoshEvent lastError) {
    super(describe(task, lastError));
    this.task = task;
    this.lastError = lastError;
  }

  public BoshTask task() {
    return task;
  }

  /** The event-log error text, or null when the log had none. */
  public String lastErrorMessage() {
    return lastError == null ? null : lastError.errorMessage();
  }

  /** The Director error code of the last error event, or null. */
  public Integer lastErrorCode() {
    return lastError == null ? null : lastError.errorCode();
  }

  /** Another task held the deployment lock: nothing was changed, so trying later can work. */
  public boolean isLockFailure() {
    return task.isLockFailure() || BoshTask.isLockFailure(lastErrorMessage());
  }

  private static String describe(BoshTask task, BoshEvent lastError) {
    StringBuilder message =
        new StringBuilder("BOSH task ").append(task.id()).append(" (").append(task.description());
    if (task.deployment() != null) {
      message.append(", deployment ").append(task.deployment());
    }
    message.append(") ended in state ").append(task.state()).append(": ").append(task.result());
    if (lastError != null && lastError.errorMessage() != null) {
      message.append("; event log: ").append(lastError.errorMessage());
    }
    return message.toString();
  }
}
