package io.pgfleet.testenv.bench.failover;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code [RUNS] [--systems a,b,…] [--state DIR]} of a benchmark that compares systems, e.g.
 * bench/failover's {@code pgfleet,patroni_default,patroni_tuned}.
 *
 * @param systems in the order they run
 * @param state the {@code .pgfleet} directory of {@code ./pgfleet up} (env file, logs)
 */
public record BenchOptions(int runs, List<String> systems, Path state) {

  /**
   * What one benchmark accepts.
   *
   * @param command how it is started, for the usage line, e.g. {@code bench/failover}
   * @param systems every system it can measure, in the order they run
   */
  public record Spec(String command, int defaultRuns, List<String> systems) {

    public String usage() {
      return "usage: " + command + " [RUNS] [--systems " + String.join(",", systems) + "]";
    }
  }

  public static final Spec FAILOVER =
      new Spec(
          "bench/failover",
          10,
          List.of(
              FailoverReport.PGFLEET,
              FailoverReport.PATRONI_DEFAULT,
              FailoverReport.PATRONI_TUNED));

  public static BenchOptions parse(String... args) {
    return parse(FAILOVER, args);
  }

  public static BenchOptions parse(Spec spec, String... args) {
    int runs = spec.defaultRuns();
    List<String> systems = spec.systems();
    Path state = Path.of(".pgfleet");
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      switch (arg) {
        case "--systems" -> systems = systems(spec, value(spec, rest, arg));
        case "--state" -> state = Path.of(value(spec, rest, arg));
        default -> runs = runs(spec, arg);
      }
    }
    return new BenchOptions(runs, systems, state);
  }

  private static String value(Spec spec, List<String> rest, String option) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value; " + spec.usage());
    }
    return rest.remove(0);
  }

  private static int runs(Spec spec, String arg) {
    if (!arg.matches("[1-9][0-9]{0,3}")) {
      throw new IllegalArgumentException(
          "RUNS must be a positive number, not " + arg + "; " + spec.usage());
    }
    return Integer.parseInt(arg);
  }

  private static List<String> systems(Spec spec, String list) {
    List<String> systems = List.of(list.split(","));
    for (String system : systems) {
      if (!spec.systems().contains(system)) {
        throw new IllegalArgumentException("unknown system " + system + "; " + spec.usage());
      }
    }
    return spec.systems().stream().filter(systems::contains).toList();
  }
}
