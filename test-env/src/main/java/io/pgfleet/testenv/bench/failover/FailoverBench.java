package io.pgfleet.testenv.bench.failover;

import io.pgfleet.testenv.bench.failover.patroni.PatroniCluster;
import io.pgfleet.testenv.bench.failover.patroni.PatroniSettings;
import io.pgfleet.testenv.bench.failover.pgfleet.PgfleetTarget;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code bench/failover}: for each system (pgfleet, Patroni with default settings, Patroni tuned),
 * RUNS kills of the primary under a steady write probe; prints progress, then one JSON line.
 * Systems run one after the other, so none competes with another for the two cores. Probe logs and
 * the Patroni logs go to {@code <state>/bench-failover/<time>/}.
 */
public final class FailoverBench {

  private static final DateTimeFormatter RUN_DIR = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private FailoverBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path logDir =
        options.state().resolve("bench-failover").resolve(LocalDateTime.now().format(RUN_DIR));
    Consumer<String> progress = FailoverBench::say;
    AtomicReference<FailoverTarget> current = new AtomicReference<>();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> closeQuietly(current.get()), "bench-failover-cleanup"));
    FailoverRunner runner = new FailoverRunner(logDir, progress);
    List<RunResult> results = new ArrayList<>();
    say(
        "bench/failover: "
            + options.runs()
            + " runs each of "
            + options.systems()
            + "; logs in "
            + logDir);
    for (String system : options.systems()) {
      FailoverTarget target = null;
      try {
        target = target(system, options, logDir, progress);
        current.set(target);
        target.prepare();
        for (int run = 1; run <= options.runs(); run++) {
          results.add(runner.run(target, run, options.runs()));
        }
      } catch (FailoverRunner.NotHealed e) {
        results.add(e.result());
        say(system + ": " + e.getMessage() + "; its remaining runs are skipped");
      } catch (Exception e) {
        say(system + ": cannot run: " + e);
      } finally {
        closeQuietly(target);
        current.set(null);
      }
    }
    System.out.println(FailoverReport.jsonLine(options.runs(), results));
  }

  private static FailoverTarget target(
      String system, BenchOptions options, Path logDir, Consumer<String> progress)
      throws Exception {
    return switch (system) {
      case FailoverReport.PGFLEET -> PgfleetTarget.fromEnvironment(options.state(), progress);
      case FailoverReport.PATRONI_DEFAULT -> new PatroniCluster(PatroniSettings.DEFAULT, logDir);
      case FailoverReport.PATRONI_TUNED -> new PatroniCluster(PatroniSettings.TUNED, logDir);
      default -> throw new IllegalArgumentException("unknown system " + system);
    };
  }

  private static void closeQuietly(FailoverTarget target) {
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
