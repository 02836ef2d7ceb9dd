package io.pgfleet.testenv.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Inserts one row at a time into {@code writes} until stopped, each in its own transaction on a
 * fresh connection after a failure, counting what committed and what failed.
 */
final class ContinuousWriter implements AutoCloseable {

  /** A write every few milliseconds keeps WAL moving without starving the 2-core machine. */
  private static final long PAUSE_MILLIS = 5;

  private static final long JOIN_MILLIS = 10_000;

  private final String url;
  private final String password;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean running = true;

  ContinuousWriter(String url, String password) {
    this.url = url;
    this.password = password;
    this.thread = new Thread(this::run, "continuous-writer");
    thread.setDaemon(true);
    thread.start();
  }

  long committed() {
    return committed.get();
  }

  long failed() {
    return failed.get();
  }

  Exception firstFailure() {
    return firstFailure.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(JOIN_MILLIS);
  }

  private void run() {
    while (running) {
      try (Connection c = DriverManager.getConnection(url, "postgres", password);
          Statement s = c.createStatement()) {
        while (running) {
          s.executeUpdate("INSERT INTO writes DEFAULT VALUES");
          committed.incrementAndGet();
          Thread.sleep(PAUSE_MILLIS);
        }
      } catch (SQLException e) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
