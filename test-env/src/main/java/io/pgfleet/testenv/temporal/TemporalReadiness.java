package io.pgfleet.testenv.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits, bounded, until a Temporal frontend answers for a namespace. */
final class TemporalReadiness {

  /** Short enough to notice a ready server quickly, long enough not to spin two cores. */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  /** A local frontend answers in milliseconds; a slower answer means "not ready yet". */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private TemporalReadiness() {}

  /**
   * Returns once {@code DescribeNamespace(namespace)} succeeds at {@code host:port}. Polls the TCP
   * port first so gRPC's reconnect backoff never delays a server that has just come up.
   *
   * @param alive false once the server process has died, which ends the wait at once
   * @throws TemporalStartException if the server dies or is not ready within {@code timeout}
   */
  static void await(
      String host, int port, String namespace, Duration timeout, BooleanSupplier alive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String address = host + ":" + port;
    while (!portOpen(host, port)) {
      checkProgress(address, deadline, timeout, alive);
      pause();
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    try {
      DescribeNamespaceRequest request =
          DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build();
      while (true) {
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .describeNamespace(request);
          return;
        } catch (StatusRuntimeException notYet) {
          checkProgress(address, deadline, timeout, alive);
          pause();
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  private static void checkProgress(
      String address, long deadline, Duration timeout, BooleanSupplier alive) {
    if (!alive.getAsBoolean()) {
      throw new TemporalStartException("Temporal server for " + address + " exited while starting");
    }
    if (System.nanoTime() > deadline) {
      throw new TemporalStartException(
          "Temporal server at " + address + " not ready within " + timeout.toSeconds() + " s");
    }
  }

  private static boolean portOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemporalStartException("interrupted while waiting for Temporal", e);
    }
  }
}
