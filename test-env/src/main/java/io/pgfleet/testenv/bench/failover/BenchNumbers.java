package io.pgfleet.testenv.bench.failover;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the comparing benchmarks print figures in their JSON line; null stays null (unmeasured). */
public final class BenchNumbers {

  private BenchNumbers() {}

  /** Seconds to the hundredth. */
  public static BigDecimal seconds(Double value) {
    return value == null ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  /** A ratio to the thousandth; null when either side is unknown or the denominator is 0. */
  public static BigDecimal ratio(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return null;
    }
    return BigDecimal.valueOf(numerator / denominator).setScale(3, RoundingMode.HALF_UP);
  }
}
