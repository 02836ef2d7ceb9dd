package io.pgfleet.workflows.replay;

import io.temporal.worker.NonDeterministicException;
import java.util.stream.Stream;

/** Recognises a replay failure caused by nondeterminism. */
public final class NonDeterminism {

  private NonDeterminism() {}

  /**
   * The replayer reports it as a RuntimeException whose message carries the {@link
   * NonDeterministicException} (TMPRL1100) rather than as a cause, so both are checked.
   */
  public static boolean isReportedBy(Throwable replayFailure) {
    return Stream.iterate(replayFailure, t -> t != null, Throwable::getCause)
        .anyMatch(
            t ->
                t instanceof NonDeterministicException
                    || (t.getMessage() != null
                        && t.getMessage().contains(NonDeterministicException.class.getName())
                        && t.getMessage().contains("TMPRL1100")));
  }
}
