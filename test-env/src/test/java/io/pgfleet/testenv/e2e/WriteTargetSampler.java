package io.pgfleet.testenv.e2e;

import io.pgfleet.testenv.bench.failover.ProbeEndpoint;
import io.pgfleet.testenv.cloud.LocalVm;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks every pgpool, about every 200 ms and each on its own thread, which server takes its writes:
 * a transaction inserts a row and reads {@code inet_server_addr()}, then commits. Only committed
 * samples count; a failed one drops the connection and the next sample reconnects.
 */
final class WriteTargetSampler implements AutoCloseable {

  /** Often enough to see a second writable primary that lived for a fraction of a second. */
  private static final long INTERVAL_MILLIS = 200;

  /** A thread blocked in a socket read gives up after the driver's socket timeout (2 s). */
  private static final long JOIN_MILLIS = 10_000;

  /** One committed write: through which pgpool, to which server, and when (epoch ms). */
  record Sample(int pgpool, String server, long startMillis, long endMillis) {}

  private final List<Sample> samples = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  private WriteTargetSampler() {}

  /** Starts sampling through each pgpool ({@code endpoint} gives database and login). */
  static WriteTargetSampler start(ProbeEndpoint endpoint, List<LocalVm> pgpools)
      throws SQLException {
    try (Connection c = endpoint.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "create table if not exists write_targets(pgpool int, at timestamptz default now())");
    }
    WriteTargetSampler sampler = new WriteTargetSampler();
    for (LocalVm pgpool : pgpools) {
      ProbeEndpoint one =
          new ProbeEndpoint(
              endpoint.jdbcUrl().replaceFirst("//[^/]+/", "//" + pgpool.address() + ":9999/"),
              endpoint.user(),
              endpoint.password());
      Thread thread =
          new Thread(() -> sampler.loop(pgpool.index(), one), "write-targets-" + pgpool.index());
      thread.setDaemon(true);
      sampler.threads.add(thread);
      thread.start();
    }
    return sampler;
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  private void loop(int pgpool, ProbeEndpoint endpoint) {
    Connection connection = null;
    while (running) {
      long start = System.currentTimeMillis();
      try {
        if (connection == null) {
          connection = endpoint.connect();
          connection.setAutoCommit(false);
        }
        String server = writeAndAsk(connection, pgpool);
        synchronized (this) {
          samples.add(new Sample(pgpool, server, start, System.currentTimeMillis()));
        }
      } catch (SQLException e) {
        closeQuietly(connection);
        connection = null;
      }
      sleepRest(start);
    }
    closeQuietly(connection);
  }

  private static String writeAndAsk(Connection c, int pgpool) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("insert into write_targets(pgpool) values (" + pgpool + ")");
      String server;
      try (ResultSet rs = s.executeQuery("select host(inet_server_addr())")) {
        rs.next();
        server = rs.getString(1);
      }
      c.commit();
      return server;
    }
  }

  private static void sleepRest(long start) {
    long rest = INTERVAL_MILLIS - (System.currentTimeMillis() - start);
    if (rest > 0) {
      try {
        Thread.sleep(rest);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(JOIN_MILLIS);
    }
  }
}
