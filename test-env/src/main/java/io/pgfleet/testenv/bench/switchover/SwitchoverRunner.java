package io.pgfleet.testenv.bench.switchover;

import io.pgfleet.testenv.bench.failover.Ack;
import io.pgfleet.testenv.bench.failover.RowsLost;
import io.pgfleet.testenv.bench.failover.WriteProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run against one system: probe steady, switch over, wait for a write sent after the system
 * said done to be acknowledged, read every acknowledged row back from the new primary, then wait
 * for the cluster to be whole (roles swapped) before the next run.
 */
public final class SwitchoverRunner {

  /** Two seconds of acknowledged writes before the request: the probe is connected and steady. */
  static final int STEADY_ACKS = 40;

  static final Duration STEADY_TIMEOUT = Duration.ofSeconds(60);

  /** The system already said done; writes that are not back this long after are a failed run. */
  static final Duration WRITES_BACK_TIMEOUT = Duration.ofSeconds(60);

  /** Writes keep going briefly afterwards so the log shows they stay up. */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private static final long POLL_MILLIS = 20;

  private final Path logDir;
  private final Consumer<String> progress;

  public SwitchoverRunner(Path logDir, Consumer<String> progress) {
    this.logDir = logDir;
    this.progress = progress;
  }

  /**
   * @throws Exception when the switchover failed or the cluster did not heal: the remaining runs of
   *     this system are skipped
   */
  public SwitchResult run(SwitchoverTarget target, int run, int runs) throws Exception {
    String system = target.system();
    String label = "switchover-" + system + "-" + run + "-" + System.currentTimeMillis();
    String prefix = "%s run %d/%d: ".formatted(system, run, runs);
    SwitchoverTarget.Switch done;
    Optional<WriteGap> gap;
    List<Ack> acks;
    try (WriteProbe probe =
        WriteProbe.start(target.endpoint(), label, logDir.resolve(label + ".acks"))) {
      if (!probe.awaitAcks(STEADY_ACKS, STEADY_TIMEOUT)) {
        throw new IllegalStateException(
            system + ": the write probe got no steady writes; last error: " + probe.lastError());
      }
      done = target.switchover();
      gap = awaitWritesBack(probe, done);
      if (gap.isPresent()) {
        Thread.sleep(SETTLE.toMillis());
      }
      acks = probe.stop();
      if (gap.isEmpty()) {
        progress.accept(prefix + "writes not back; last error: " + probe.lastError());
      }
    }
    Integer lost = RowsLost.countOrNull(target.endpoint(), target.system(), label, acks, progress);
    Double seconds = gap.map(WriteGap::seconds).orElse(null);
    String note =
        String.format(
            Locale.ROOT,
            "%s; longest pause between acknowledged writes %s, request to done %.2f s,"
                + " %d writes acknowledged, %s rows lost",
            done.detail(),
            seconds == null ? "unknown" : String.format(Locale.ROOT, "%.2f s", seconds),
            (done.doneMillis() - done.startMillis()) / 1000.0,
            acks.size(),
            lost == null ? "unknown" : lost);
    progress.accept(prefix + note);
    progress.accept(prefix + target.awaitWhole());
    return new SwitchResult(system, run, seconds, lost, note);
  }

  private static Optional<WriteGap> awaitWritesBack(WriteProbe probe, SwitchoverTarget.Switch done)
      throws InterruptedException {
    long deadline = System.nanoTime() + WRITES_BACK_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<WriteGap> gap = WriteGap.around(probe.acks(), done.startMillis(), done.doneMillis());
      if (gap.isPresent()) {
        return gap;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return Optional.empty();
  }
}
