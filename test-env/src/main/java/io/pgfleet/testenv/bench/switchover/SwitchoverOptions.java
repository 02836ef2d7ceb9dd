package io.pgfleet.testenv.bench.switchover;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code [RUNS] [--systems pgfleet,patroni] [--state DIR]}.
 *
 * @param systems in the order they run
 * @param state the {@code .pgfleet} directory of {@code ./pgfleet up} (env file, logs)
 */
record SwitchoverOptions(int runs, List<String> systems, Path state) {

  static final int DEFAULT_RUNS = 5;

  static final List<String> ALL_SYSTEMS =
      List.of(PgfleetSwitchover.SYSTEM, PatroniSwitchover.SYSTEM);

  static final String USAGE = "usage: bench/switchover [RUNS] [--systems pgfleet,patroni]";

  static SwitchoverOptions parse(String... args) {
    int runs = DEFAULT_RUNS;
    List<String> systems = ALL_SYSTEMS;
    Path state = Path.of(".pgfleet");
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      switch (arg) {
        case "--systems" -> systems = systems(value(rest, arg));
        case "--state" -> state = Path.of(value(rest, arg));
        default -> runs = runs(arg);
      }
    }
    return new SwitchoverOptions(runs, systems, state);
  }

  private static String value(List<String> rest, String option) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value; " + USAGE);
    }
    return rest.remove(0);
  }

  private static int runs(String arg) {
    if (!arg.matches("[1-9][0-9]{0,3}")) {
      throw new IllegalArgumentException(
          "RUNS must be a positive number, not " + arg + "; " + USAGE);
    }
    return Integer.parseInt(arg);
  }

  private static List<String> systems(String list) {
    List<String> systems = List.of(list.split(","));
    for (String system : systems) {
      if (!ALL_SYSTEMS.contains(system)) {
        throw new IllegalArgumentException("unknown system " + system + "; " + USAGE);
      }
    }
    return ALL_SYSTEMS.stream().filter(systems::contains).toList();
  }
}
