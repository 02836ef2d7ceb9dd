package io.pgfleet.testenv.cloud.task;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.state.TaskRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues and runs Director tasks: {@code queued → processing → done | error | cancelled}. Like the
 * Director, deployment changes run on a small pool of "normal" workers and vms queries on separate
 * "urgent" workers, so a long deploy never delays an instances query.
 */
public final class TaskRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private static final int URGENT_WORKERS = 2;

  /** How long close() lets running tasks notice the interrupt before giving up on them. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  static final String RESTARTED = "director restarted";

  private final StateStore store;
  private final TaskOutputs outputs;
  private final DeploymentLocks locks;
  private final Duration lockWait;
  private final Function<JobSpec, TaskJob> jobs;
  private final ExecutorService normal;
  private final ExecutorService urgent;
  private volatile boolean closed;

  public TaskRunner(
      StateStore store,
      TaskOutputs outputs,
      DeploymentLocks locks,
      Duration lockWait,
      Function<JobSpec, TaskJob> jobs,
      int normalWorkers) {
    this.store = store;
    this.outputs = outputs;
    this.locks = locks;
    this.lockWait = lockWait;
    this.jobs = jobs;
    this.normal = Executors.newFixedThreadPool(normalWorkers, threads("director-worker"));
    this.urgent = Executors.newFixedThreadPool(URGENT_WORKERS, threads("director-urgent"));
  }

  /** Creates a queued task and hands it to a worker. */
  public TaskRecord submit(
      String user, String description, String deployment, String contextId, JobSpec spec) {
    TaskRecord[] created = new TaskRecord[1];
    store.update(
        s -> {
          created[0] =
              new TaskRecord(
                  s.nextTaskId(),
                  TaskRecord.QUEUED,
                  description,
                  null,
                  null,
                  null,
                  user,
                  deployment,
                  contextId == null ? "" : contextId,
                  spec);
          return s.withNewTask(created[0]);
        });
    schedule(created[0]);
    return created[0];
  }

  /**
   * Asks a task to stop: it ends {@code cancelled} at its next checkpoint.
   *
   * @return false if the task has already finished (BOSH answers 400 then)
   */
  public boolean cancel(long id) {
    boolean[] accepted = new boolean[1];
    store.update(
        s -> {
          TaskRecord task = s.task(id).orElseThrow(() -> DirectorError.taskNotFound("" + id));
          accepted[0] = task.isCancellable();
          return accepted[0] ? s.withTask(task.withState(TaskRecord.CANCELLING)) : s;
        });
    return accepted[0];
  }

  /**
   * After a restart: tasks that were running died with the old process and end {@code error}; tasks
   * still queued run now.
   */
  public void recover() {
    List<TaskRecord> tasks = store.get().tasks();
    for (TaskRecord task : tasks) {
      if (TaskRecord.QUEUED.equals(task.state())) {
        schedule(task);
      } else if (task.isRunning()) {
        outputs.prepare(task.id());
        new EventLog(outputs, task.id()).error(DirectorError.GENERIC, RESTARTED);
        finish(task.id(), TaskRecord.ERROR, RESTARTED);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    normal.shutdownNow();
    urgent.shutdownNow();
    try {
      normal.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      urgent.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void schedule(TaskRecord task) {
    ExecutorService pool = JobSpec.VMS.equals(task.spec().type()) ? urgent : normal;
    pool.execute(() -> run(task.id()));
  }

  private void run(long id) {
    TaskRecord task = store.task(id).orElse(null);
    if (task == null || closed) {
      return;
    }
    outputs.prepare(id);
    TaskContext context = new TaskContext(id, task.description(), store, outputs, locks, lockWait);
    try {
      context.checkpoint();
      store.update(s -> s.withTask(s.task(id).orElseThrow().started(nowSeconds())));
      LOG.info("Task {} ({}) started", id, task.description());
      String result = jobs.apply(task.spec()).perform(context);
      finishIfOpen(id, TaskRecord.DONE, result == null ? "" : result);
    } catch (TaskCancelledException e) {
      context.events().error(DirectorError.TASK_CANCELLED, e.getMessage());
      finishIfOpen(id, TaskRecord.CANCELLED, "task cancelled");
    } catch (DirectorError e) {
      context.events().error(e.code(), e.getMessage());
      finishIfOpen(id, TaskRecord.ERROR, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failUnlessClosed(context, id, e);
    } catch (Exception | LinkageError e) {
      failUnlessClosed(context, id, e);
    }
  }

  private void failUnlessClosed(TaskContext context, long id, Throwable e) {
    if (closed) {
      return; // left processing on purpose: the next start reports "director restarted"
    }
    LOG.warn("Task {} failed", id, e);
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    context.events().error(DirectorError.GENERIC, message);
    finishIfOpen(id, TaskRecord.ERROR, message);
  }

  /** A task still finishing while the Director stops stays processing: the restart reports it. */
  private void finishIfOpen(long id, String state, String result) {
    if (!closed) {
      finish(id, state, result);
    }
  }

  private void finish(long id, String state, String result) {
    store.update(
        s ->
            s.withTask(
                s.task(id)
                    .orElseThrow()
                    .finished(state, ResultText.truncate(result), nowSeconds())));
    LOG.info("Task {} {}: {}", id, state, result);
  }

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  private static java.util.concurrent.ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
