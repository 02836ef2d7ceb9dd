package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.BackupInput;
import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.failover.FailoverInput;
import io.pgfleet.workflows.failover.FailoverOutcome;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.pgfleet.workflows.restore.RestoreInput;
import io.pgfleet.workflows.switchover.SwitchoverInput;
import io.pgfleet.workflows.switchover.SwitchoverOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How the test's child workflows behave, set by a test before it triggers them, and what they
 * received. Each child reads its behaviour once, when the worker creates it.
 */
final class ChildScript {

  /**
   * @param hold wait for the "release" signal inside the first step
   * @param failure null to succeed, else the message of the non-retryable failure to end with
   * @param attachSteps whether that failure carries the child's OperationView as its detail
   * @param failureType the failure's type
   */
  record Behaviour(boolean hold, String failure, boolean attachSteps, FailureType failureType) {
    static final Behaviour SUCCEED = new Behaviour(false, null, false);
    static final Behaviour HOLD = new Behaviour(true, null, false);

    Behaviour(boolean hold, String failure, boolean attachSteps) {
      this(hold, failure, attachSteps, FailureType.BOSH_TASK_FAILED);
    }

    static Behaviour fail(String message) {
      return new Behaviour(false, message, false);
    }

    /** Fails with the child's steps attached, as the real operation workflows do. */
    static Behaviour fail(String message, FailureType type) {
      return new Behaviour(false, message, true, type);
    }
  }

  volatile Behaviour provision = Behaviour.SUCCEED;
  volatile Behaviour deprovision = Behaviour.SUCCEED;
  volatile Behaviour failover = Behaviour.SUCCEED;
  volatile Behaviour backup = Behaviour.SUCCEED;
  volatile Behaviour restore = Behaviour.SUCCEED;
  volatile Behaviour switchover = Behaviour.SUCCEED;

  /** How a failover that did not fail with an exception ends. */
  volatile FailoverOutcome failoverOutcome = FailoverOutcome.FAILED_OVER;

  /** How a switchover that did not fail with an exception ends. */
  volatile SwitchoverOutcome switchoverOutcome = SwitchoverOutcome.SWITCHED_OVER;

  final List<ProvisionInput> provisionInputs = new CopyOnWriteArrayList<>();
  final List<DeprovisionInput> deprovisionInputs = new CopyOnWriteArrayList<>();
  final List<FailoverInput> failoverInputs = new CopyOnWriteArrayList<>();
  final List<BackupInput> backupInputs = new CopyOnWriteArrayList<>();
  final List<RestoreInput> restoreInputs = new CopyOnWriteArrayList<>();
  final List<SwitchoverInput> switchoverInputs = new CopyOnWriteArrayList<>();
  final List<String> childWorkflowIds = new CopyOnWriteArrayList<>();
}
