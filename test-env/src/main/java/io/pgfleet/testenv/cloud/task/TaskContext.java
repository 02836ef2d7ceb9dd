package io.pgfleet.testenv.cloud.task;

import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.state.TaskRecord;
import java.time.Duration;
import java.util.concurrent.Callable;

/** What a running task may do besides its own work: log events, write its result, take locks. */
public final class TaskContext {

  private final long taskId;
  private final String description;
  private final StateStore store;
  private final TaskOutputs outputs;
  private final DeploymentLocks locks;
  private final Duration lockWait;
  private final EventLog events;

  TaskContext(
      long taskId,
      String description,
      StateStore store,
      TaskOutputs outputs,
      DeploymentLocks locks,
      Duration lockWait) {
    this.taskId = taskId;
    this.description = description;
    this.store = store;
    this.outputs = outputs;
    this.locks = locks;
    this.lockWait = lockWait;
    this.events = new EventLog(outputs, taskId);
  }

  public long taskId() {
    return taskId;
  }

  public EventLog events() {
    return events;
  }

  /** Appends to the task's {@code type=result} output (NDJSON lines for vms tasks). */
  public void writeResult(String text) {
    outputs.append(taskId, TaskOutputs.RESULT, text);
  }

  public void debug(String line) {
    outputs.append(taskId, TaskOutputs.DEBUG, line + "\n");
  }

  /** Ends the task as cancelled if someone asked for it since the last checkpoint. */
  public void checkpoint() {
    boolean cancelling =
        store.task(taskId).map(t -> TaskRecord.CANCELLING.equals(t.state())).orElse(false);
    if (cancelling) {
      throw new TaskCancelledException(taskId);
    }
  }

  /** Runs {@code body} holding {@code lock:deployment:<name>}, like BOSH's with_deployment_lock. */
  public <T> T withDeploymentLock(String deployment, Callable<T> body) throws Exception {
    debug("Acquiring deployment lock on " + deployment);
    try (AutoCloseable lock =
        locks.acquire(deployment, taskId, description, lockWait, this::checkpoint)) {
      return body.call();
    }
  }
}
