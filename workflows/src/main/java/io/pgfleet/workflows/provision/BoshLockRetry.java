package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Runs a BOSH task-starting call again when the deployment stays locked by another task (a
 * resurrection, a stuck earlier deploy). The activity's own retries cover conflicts of a few
 * minutes; this covers longer ones with a durable pause, and gives each new attempt its own context
 * id so it cannot be mistaken for the task that lost the lock.
 */
public final class BoshLockRetry {

  /** Lock holders on a 5-VM deployment finish within minutes; check again after one. */
  public static final Duration LOCK_RETRY_PAUSE = Duration.ofMinutes(1);

  /**
   * Each attempt already retries for about 2.5 minutes (the activity's transient retry policy), so
   * six attempts and five pauses wait about 20 minutes for the lock: longer means a stuck task an
   * operator must look at.
   */
  public static final int MAX_LOCK_RETRIES = 5;

  private static final Logger LOG = Workflow.getLogger(BoshLockRetry.class);

  private BoshLockRetry() {}

  /**
   * @param call receives the context id of each attempt: {@code <operation>/<step>} first, then
   *     {@code <operation>/<step>-retry-<n>}
   */
  public static <T> T run(
      String operationId, String step, String deployment, Functions.Func1<String, T> call) {
    for (int retry = 0; ; retry++) {
      String suffix = retry == 0 ? "" : "-retry-" + retry;
      try {
        return call.apply(ClusterNaming.boshContextId(operationId, step + suffix));
      } catch (ActivityFailure failure) {
        if (!isLockConflict(failure)) {
          throw failure;
        }
        if (retry >= MAX_LOCK_RETRIES) {
          throw ApplicationFailure.newNonRetryableFailureWithCause(
              "deployment %s stayed locked by another BOSH task after %d attempts"
                  .formatted(deployment, retry + 1),
              FailureType.BOSH_DEPLOYMENT_LOCKED.name(),
              failure);
        }
        LOG.info("deployment {} is locked; {} again in {}", deployment, step, LOCK_RETRY_PAUSE);
        Workflow.sleep(LOCK_RETRY_PAUSE);
      }
    }
  }

  static boolean isLockConflict(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        && FailureType.BOSH_DEPLOYMENT_LOCKED.name().equals(app.getType());
  }
}
