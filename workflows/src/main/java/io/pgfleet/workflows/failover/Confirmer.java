package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverOutcome.NOT_CONFIRMED;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * The confirm step: a quorum sees the primary down, twice, a tolerance apart; an operator's request
 * needs no quorum. A crashed primary needs one look only: when a quorum sees it down and the
 * control plane's connection is refused (the host answers, nothing listens on 5432: the postmaster
 * is gone), there is no stall to wait out, so the tolerance and the second look are skipped. A
 * primary that times out (frozen, partitioned) waits the tolerance. Two writable primaries seen at
 * either look end the confirmation at once. A primary not confirmed down stops the failover
 * (NOT_CONFIRMED) before anything changed; {@link #lastLook()} then tells what pgpool routes.
 */
final class Confirmer {

  /** Why the failover goes on; {@code splitBrain} says whether a stale primary must go first. */
  record Confirmation(Decision decision, SplitBrain splitBrain) {}

  private static final Logger LOG = Workflow.getLogger(Confirmer.class);

  private final Observer observer;
  private Observation lastLook;

  Confirmer(Observer observer) {
    this.observer = observer;
  }

  /** The look that decided, null before the first one. */
  Observation lastLook() {
    return lastLook;
  }

  Confirmation confirm(FailoverInput input) {
    ClusterNode primary = input.topology().primary();
    Observation first = look();
    SplitBrain splitBrain = SplitBrain.check(input.topology(), first);
    if (splitBrain.seen()) {
      LOG.warn(splitBrain.decision().reason());
      return new Confirmation(splitBrain.decision(), splitBrain);
    }
    FailoverTrigger trigger = input.trigger();
    if (trigger != null && trigger.manual()) {
      Decision manual = FailoverDecisions.manual(primary, first);
      LOG.info(manual.reason());
      return new Confirmation(manual, splitBrain);
    }
    Decision down = FailoverDecisions.confirm(primary, first);
    if (!down.yes()) {
      throw FailoverStop.with(NOT_CONFIRMED, down.reason());
    }
    Decision crashed = FailoverDecisions.crashed(primary, input.tolerance(), first);
    if (crashed.yes()) {
      LOG.warn(crashed.reason());
      return new Confirmation(crashed, splitBrain);
    }
    LOG.info("{}; {}; looking again after the tolerance", down.reason(), crashed.reason());
    Duration wait =
        FailoverDecisions.remainingTolerance(
            input.tolerance(),
            Workflow.currentTimeMillis(),
            trigger == null ? List.of() : trigger.reportedBy());
    if (!wait.isZero()) {
      Workflow.sleep(wait);
    }
    Observation again = look();
    SplitBrain later = SplitBrain.check(input.topology(), again);
    if (later.seen()) {
      LOG.warn(later.decision().reason());
      return new Confirmation(later.decision(), later);
    }
    Decision stillDown = FailoverDecisions.stillDown(primary, input.tolerance(), again);
    if (!stillDown.yes()) {
      throw FailoverStop.with(NOT_CONFIRMED, stillDown.reason());
    }
    return new Confirmation(stillDown, later);
  }

  private Observation look() {
    lastLook = observer.observe();
    return lastLook;
  }
}
