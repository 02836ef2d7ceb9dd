package io.pgfleet.testenv.bench.failover;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A steady writer: one INSERT every {@link #INTERVAL_MILLIS} through a {@link ProbeEndpoint}, in
 * autocommit mode, on its own thread. On any error it drops the connection and reconnects at the
 * next tick (short connect timeouts, see ProbeEndpoint). Every acknowledged write is kept and
 * written to a log file as {@code n id sent_ms ack_ms}; errors as {@code # error at_ms message}.
 */
public final class WriteProbe implements AutoCloseable {

  /** The cadence: one write every 50 ms bounds the measurement error to 50 ms. */
  public static final long INTERVAL_MILLIS = 50;

  /** How often waiting callers look at the acknowledgements. */
  private static final long POLL_MILLIS = 20;

  private static final long JOIN_MILLIS = 10_000;

  private final ProbeEndpoint endpoint;
  private final String label;
  private final BufferedWriter log;
  private final LongSupplier clock;
  private final List<Ack> acks = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int errors;
  private String lastError;

  private WriteProbe(ProbeEndpoint endpoint, String label, Path logFile, LongSupplier clock)
      throws IOException {
    this.endpoint = endpoint;
    this.label = label;
    this.clock = clock;
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    this.log = Files.newBufferedWriter(logFile);
    log.write("# n id sent_ms ack_ms (label " + label + ", " + endpoint + ")\n");
    this.thread = new Thread(this::loop, "write-probe-" + label);
    thread.setDaemon(true);
  }

  /**
   * Starts writing rows labelled {@code label} (unique per run: rows lost are counted per label).
   */
  public static WriteProbe start(ProbeEndpoint endpoint, String label, Path logFile)
      throws IOException {
    WriteProbe probe = new WriteProbe(endpoint, label, logFile, System::currentTimeMillis);
    probe.thread.start();
    return probe;
  }

  public String label() {
    return label;
  }

  public synchronized List<Ack> acks() {
    return List.copyOf(acks);
  }

  public synchronized int errors() {
    return errors;
  }

  /** The last error's message, or "none". */
  public synchronized String lastError() {
    return lastError == null ? "none" : lastError;
  }

  /** Waits until {@code count} writes were acknowledged; false after {@code timeout}. */
  public boolean awaitAcks(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (acks().size() >= count) {
        return true;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return false;
  }

  /** Waits until a write sent after the kill was acknowledged; empty after {@code timeout}. */
  public Optional<Outage> awaitOutageEnd(
      long killStartMillis, long killDoneMillis, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Outage> outage = Outage.around(acks(), killStartMillis, killDoneMillis);
      if (outage.isPresent()) {
        return outage;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return Optional.empty();
  }

  /** Stops writing and returns every acknowledged write. */
  public List<Ack> stop() throws InterruptedException {
    running = false;
    thread.join(JOIN_MILLIS);
    try {
      synchronized (this) {
        log.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the probe log of " + label, e);
    }
    return acks();
  }

  @Override
  public void close() throws InterruptedException, IOException {
    stop();
    log.close();
  }

  private void loop() {
    Connection connection = null;
    long next = clock.getAsLong();
    long n = 0;
    while (running) {
      long now = clock.getAsLong();
      if (now < next) {
        sleep(next - now);
      }
      // A write slower than the interval delays the next one rather than bunching them up.
      next = Math.max(next, now) + INTERVAL_MILLIS;
      long sent = clock.getAsLong();
      try {
        if (connection == null) {
          connection = endpoint.connect();
        }
        long id = ProbeTable.insert(connection, label, ++n);
        record(new Ack(n, id, sent, clock.getAsLong()));
      } catch (SQLException | RuntimeException e) {
        fail(e, sent);
        closeQuietly(connection);
        connection = null;
      }
    }
    closeQuietly(connection);
  }

  private synchronized void record(Ack ack) {
    acks.add(ack);
    write(ack.n() + " " + ack.id() + " " + ack.sentAtMillis() + " " + ack.ackAtMillis());
  }

  private synchronized void fail(Exception e, long at) {
    errors++;
    lastError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    write("# error " + at + " " + lastError);
  }

  private void write(String line) {
    try {
      log.write(line);
      log.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the probe log of " + label, e);
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the server is gone; nothing to release
    }
  }
}
