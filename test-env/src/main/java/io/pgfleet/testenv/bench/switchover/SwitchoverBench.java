package io.pgfleet.testenv.bench.switchover;

import io.pgfleet.testenv.bench.failover.BenchOptions;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code bench/switchover}: RUNS planned switchovers of a pgfleet cluster (ops API) and of a
 * two-member Patroni 3.0 cluster (patronictl), each under bench/failover's write probe; the primary
 * alternates from run to run. Prints progress, then one JSON line. Systems run one after the other,
 * so neither competes with the other for the two cores. Probe logs and Patroni's logs go to {@code
 * <state>/bench-switchover/<time>/}.
 */
public final class SwitchoverBench {

  /** {@code bench/switchover [RUNS] [--systems pgfleet,patroni]}, five runs each by default. */
  static final BenchOptions.Spec OPTIONS =
      new BenchOptions.Spec(
          "bench/switchover", 5, List.of(PgfleetSwitchover.SYSTEM, PatroniSwitchover.SYSTEM));

  private static final DateTimeFormatter RUN_DIR = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private SwitchoverBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(OPTIONS, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path logDir =
        options.state().resolve("bench-switchover").resolve(LocalDateTime.now().format(RUN_DIR));
    Consumer<String> progress = SwitchoverBench::say;
    AtomicReference<SwitchoverTarget> current = new AtomicReference<>();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> closeQuietly(current.get()), "bench-switchover-cleanup"));
    SwitchoverRunner runner = new SwitchoverRunner(logDir, progress);
    List<SwitchResult> results = new ArrayList<>();
    say(
        "bench/switchover: "
            + options.runs()
            + " runs each of "
            + options.systems()
            + "; logs in "
            + logDir);
    for (String system : options.systems()) {
      SwitchoverTarget target = null;
      try {
        target = target(system, options, logDir, progress);
        current.set(target);
        target.prepare();
        for (int run = 1; run <= options.runs(); run++) {
          results.add(runner.run(target, run, options.runs()));
        }
      } catch (Exception e) {
        results.add(new SwitchResult(system, 0, null, null, e.getMessage()));
        say(system + ": " + e.getMessage() + "; its remaining runs are skipped");
      } finally {
        closeQuietly(target);
        current.set(null);
      }
    }
    System.out.println(SwitchoverReport.jsonLine(options.runs(), results));
  }

  private static SwitchoverTarget target(
      String system, BenchOptions options, Path logDir, Consumer<String> progress)
      throws Exception {
    return switch (system) {
      case PgfleetSwitchover.SYSTEM -> PgfleetSwitchover.fromEnvironment(options.state(), progress);
      case PatroniSwitchover.SYSTEM -> new PatroniSwitchover(logDir);
      default -> throw new IllegalArgumentException("unknown system " + system);
    };
  }

  private static void closeQuietly(SwitchoverTarget target) {
    if (target == null) {
      return;
    }
    try {
      target.close();
    } catch (Exception e) {
      say(target.system() + ": cleanup failed: " + e);
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
