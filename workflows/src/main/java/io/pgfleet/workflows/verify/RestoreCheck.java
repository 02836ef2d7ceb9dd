package io.pgfleet.workflows.verify;

import java.util.List;

/**
 * What the checks of a restored copy found.
 *
 * @param databases the databases connected to
 * @param relationsRead the user relations read to the end
 * @param rowsRead the rows those relations held
 * @param sentinelFound whether the backup's sentinel row is there
 * @param problems each relation that could not be read ({@code db.schema.table: error}), at most
 *     {@link #MAX_PROBLEMS}; empty when every read succeeded
 */
public record RestoreCheck(
    int databases, int relationsRead, long rowsRead, boolean sentinelFound, List<String> problems) {

  /** Enough to say what is broken without growing the history with every relation of a wreck. */
  public static final int MAX_PROBLEMS = 20;

  /** Every relation readable and the sentinel there. */
  public boolean passed() {
    return sentinelFound && problems.isEmpty();
  }

  /** One line for the verification's detail. */
  public String describe() {
    String reads =
        relationsRead + " relations read (" + rowsRead + " rows) in " + databases + " databases";
    String sentinel = sentinelFound ? "sentinel row present" : "sentinel row missing";
    return problems.isEmpty()
        ? reads + ", " + sentinel
        : reads + ", " + sentinel + "; unreadable: " + String.join("; ", problems);
  }
}
