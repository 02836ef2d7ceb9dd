package io.pgfleet.testenv.bench.failover.patroni;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A one-member etcd 3.4 (Debian's etcd-server) on its own loopback address, data in a dir. */
final class EtcdServer implements AutoCloseable {

  static final String BINARY = "/usr/bin/etcd";
  static final int CLIENT_PORT = 2379;
  static final int PEER_PORT = 2380;

  /** etcd starts in well under a second; a busy machine gets ten times that. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final long POLL_MILLIS = 100;
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final String address;
  private final Path dir;
  private volatile Process process;
  private volatile boolean closed;

  EtcdServer(String address, Path dir) {
    this.address = address;
    this.dir = dir;
  }

  /** Starts etcd and waits until it reports healthy. */
  synchronized void start() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String client = "http://" + address + ":" + CLIENT_PORT;
    String peer = "http://" + address + ":" + PEER_PORT;
    process =
        new ProcessBuilder(
                List.of(
                    BINARY,
                    "--name=bench",
                    "--data-dir=" + dir.resolve("data"),
                    "--listen-client-urls=" + client,
                    "--advertise-client-urls=" + client,
                    "--listen-peer-urls=" + peer,
                    "--initial-advertise-peer-urls=" + peer,
                    "--initial-cluster=bench=" + peer,
                    "--initial-cluster-state=new"))
            .redirectErrorStream(true)
            .redirectOutput(log().toFile())
            .start();
    if (closed) { // closed from another thread (Ctrl-C) while starting
      close();
      throw new IllegalStateException("etcd on " + clientAddress() + " was closed while starting");
    }
    awaitHealthy();
  }

  /** etcd's pid while it runs. */
  Optional<Long> pid() {
    Process process = this.process;
    return process != null && process.isAlive() ? Optional.of(process.pid()) : Optional.empty();
  }

  Path log() {
    return dir.resolve("etcd.log");
  }

  /** host:port for Patroni's etcd3 section. */
  String clientAddress() {
    return address + ":" + CLIENT_PORT;
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://" + clientAddress() + "/health"))
            .timeout(REQUEST_TIMEOUT)
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\"true\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException(
        "etcd on " + clientAddress() + " did not become healthy; see " + log());
  }

  /** Stops etcd by pid (SIGTERM, then SIGKILL); safe to call before start and twice. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    Process process = this.process;
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
