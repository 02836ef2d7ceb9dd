package io.pgfleet.testenv.bench.failover;

/**
 * One kill of one system.
 *
 * @param system pgfleet, patroni_default or patroni_tuned
 * @param outageSeconds null when writes did not come back (the run failed)
 * @param rowsLost acknowledged rows missing afterwards; null when they could not be read back
 * @param fencingProven whether the failover proved the old primary fenced; null for systems that do
 *     not fence (Patroni) or when no failover operation was seen
 * @param note what happened, for the progress line
 */
public record RunResult(
    String system,
    int run,
    Double outageSeconds,
    Integer rowsLost,
    Boolean fencingProven,
    String note) {

  public boolean measured() {
    return outageSeconds != null;
  }
}
