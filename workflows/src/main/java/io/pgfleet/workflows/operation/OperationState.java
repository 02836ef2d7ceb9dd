package io.pgfleet.workflows.operation;

/** An operation's progress; the OSB last_operation states map onto the last three. */
public enum OperationState {
  QUEUED,
  IN_PROGRESS,
  SUCCEEDED,
  FAILED;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED;
  }
}
