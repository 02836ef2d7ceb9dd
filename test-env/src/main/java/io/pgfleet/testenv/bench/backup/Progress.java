package io.pgfleet.testenv.bench.backup;

import java.util.Locale;

/** Progress lines on standard output, each with the seconds since the benchmark started. */
final class Progress {

  private static final long STARTED = System.nanoTime();

  private Progress() {}

  static void say(String format, Object... args) {
    double elapsed = (System.nanoTime() - STARTED) / 1e9;
    System.out.printf(
        Locale.ROOT, "[%6.1f s] %s%n", elapsed, String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
