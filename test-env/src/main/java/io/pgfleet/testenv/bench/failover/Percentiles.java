package io.pgfleet.testenv.bench.failover;

import java.util.Collection;
import java.util.List;

/** Nearest-rank percentiles, as bench/provision reports them. */
public final class Percentiles {

  private Percentiles() {}

  /**
   * @param p in (0, 1]
   * @return null when there are no values
   */
  public static Double of(Collection<Double> values, double p) {
    if (p <= 0 || p > 1) {
      throw new IllegalArgumentException("percentile must be in (0, 1]: " + p);
    }
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
