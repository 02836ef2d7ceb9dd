package io.pgfleet.activities.bosh;

/** Told after every poll of a running task; an activity heartbeats here. */
@FunctionalInterface
public interface TaskProgressListener {

  TaskProgressListener NONE = (taskId, eventOffset) -> {};

  /**
   * @param eventOffset bytes of the event log read so far; a later wait can start from here
   */
  void onProgress(long taskId, long eventOffset);
}
