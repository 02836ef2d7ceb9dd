package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import java.util.ArrayList;
import java.util.List;

/**
 * Compensations, run newest first. Unlike {@link io.temporal.workflow.Saga} with default options,
 * one that fails does not stop the others (a snapshot is still deleted when abandoning the session
 * failed), and what failed is returned for the operation's record.
 */
final class Rollback {

  private final List<Functions.Proc> undos = new ArrayList<>();

  /** Register before the step it undoes: the step may have acted even if it then failed. */
  void add(Functions.Proc undo) {
    undos.add(undo);
  }

  /** Runs every registered undo once and forgets them; returns why any failed. */
  List<String> run() {
    List<String> problems = new ArrayList<>();
    for (int i = undos.size() - 1; i >= 0; i--) {
      try {
        undos.get(i).apply();
      } catch (TemporalFailure failure) {
        problems.add(StepRecorder.rootMessage(failure));
      }
    }
    undos.clear();
    return problems;
  }
}
