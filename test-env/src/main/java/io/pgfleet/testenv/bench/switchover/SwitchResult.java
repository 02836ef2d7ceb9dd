package io.pgfleet.testenv.bench.switchover;

/**
 * One switchover of one system.
 *
 * @param system pgfleet or patroni
 * @param gapSeconds the longest pause between acknowledged writes; null when writes did not come
 *     back or the switchover failed (the run is not measured)
 * @param rowsLost acknowledged rows missing afterwards; null when they could not be read back
 * @param note what happened, for the progress line
 */
public record SwitchResult(
    String system, int run, Double gapSeconds, Integer rowsLost, String note) {

  public boolean measured() {
    return gapSeconds != null;
  }
}
