package io.pgfleet.testenv.bench.failover;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run against one system: probe steady, kill the primary, wait for the first write sent after
 * the kill to be acknowledged, read the acknowledged rows back from the new primary, then let the
 * system heal before the next run.
 */
public final class FailoverRunner {

  /** Two seconds of acknowledged writes before the kill: the probe is connected and steady. */
  static final int STEADY_ACKS = 40;

  static final Duration STEADY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Patroni's defaults need ttl + loop_wait (40 s) plus promotion; anything past this is a failed
   * run, not a slow one.
   */
  static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);

  /** Writes keep going briefly after recovery so the log shows they stay up. */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private final Path logDir;
  private final Consumer<String> progress;

  public FailoverRunner(Path logDir, Consumer<String> progress) {
    this.logDir = logDir;
    this.progress = progress;
  }

  /** The system did not heal after a run: its remaining runs are skipped. */
  public static final class NotHealed extends Exception {
    private final transient RunResult result;

    NotHealed(RunResult result, Exception cause) {
      super(
          result.system() + " did not heal after run " + result.run() + ": " + cause.getMessage(),
          cause);
      this.result = result;
    }

    /** The run itself, measured or not. */
    public RunResult result() {
      return result;
    }
  }

  /**
   * @throws NotHealed when the system did not heal afterwards
   */
  public RunResult run(FailoverTarget target, int run, int runs) throws Exception {
    String system = target.system();
    String label = system + "-" + run + "-" + System.currentTimeMillis();
    String prefix = "%s run %d/%d: ".formatted(system, run, runs);
    FailoverTarget.Kill kill;
    Optional<Outage> outage;
    List<Ack> acks;
    String lastError;
    try (WriteProbe probe =
        WriteProbe.start(target.endpoint(), label, logDir.resolve(label + ".acks"))) {
      if (!probe.awaitAcks(STEADY_ACKS, STEADY_TIMEOUT)) {
        throw new IllegalStateException(
            system
                + ": the write probe got no steady writes before the kill; last error: "
                + probe.lastError());
      }
      kill = target.killPrimary();
      progress.accept(prefix + "killed " + kill.victim());
      outage = probe.awaitOutageEnd(kill.startMillis(), kill.doneMillis(), RECOVERY_TIMEOUT);
      if (outage.isPresent()) {
        Thread.sleep(SETTLE.toMillis());
      }
      acks = probe.stop();
      lastError = probe.lastError();
    }
    Integer lost = RowsLost.countOrNull(target.endpoint(), target.system(), label, acks, progress);
    Double seconds = outage.map(Outage::seconds).orElse(null);
    progress.accept(
        prefix
            + (seconds == null
                ? "no write acknowledged within %d s of the kill; last error: %s"
                    .formatted(RECOVERY_TIMEOUT.toSeconds(), lastError)
                : String.format(
                    Locale.ROOT,
                    "writes back after %.2f s (last ack before the kill to first ack after),"
                        + " %d writes acknowledged, %s rows lost",
                    seconds,
                    acks.size(),
                    lost == null ? "unknown" : lost)));
    try {
      FailoverTarget.Restoration restored = target.restore(kill);
      progress.accept(prefix + restored.detail());
      return new RunResult(system, run, seconds, lost, restored.fencingProven(), restored.detail());
    } catch (Exception e) {
      throw new NotHealed(new RunResult(system, run, seconds, lost, null, e.getMessage()), e);
    }
  }
}
