package io.pgfleet.testenv.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One Temporal server for all tests of a JVM: started on first use, stopped by a shutdown hook.
 * Tests isolate themselves with their own task queues and workflow ids ({@link #uniqueName}).
 *
 * <p>Falls back to the Java test server when the CLI is missing, except under CI ({@code CI=true}),
 * where a missing dev server must fail the build rather than silently lose features.
 */
public final class SharedTemporal {

  private static SharedTemporal instance;

  private final TemporalServer server;
  private final WorkflowServiceStubs serviceStubs;
  private final WorkflowClient client;

  private SharedTemporal(TemporalServer server) {
    this.server = server;
    this.serviceStubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
    this.client =
        WorkflowClient.newInstance(
            serviceStubs,
            WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
  }

  /** The JVM's server, starting it on the first call. */
  public static synchronized SharedTemporal get() {
    if (instance == null) {
      TemporalLaunchOptions options =
          TemporalLaunchOptions.defaults(workDir())
              .withHeadless(true)
              .withFallbackAllowed(!"true".equalsIgnoreCase(System.getenv("CI")));
      SharedTemporal started = new SharedTemporal(TemporalLauncher.start(options));
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "shared-temporal-stop"));
      instance = started;
    }
    return instance;
  }

  public TemporalServer server() {
    return server;
  }

  public WorkflowServiceStubs serviceStubs() {
    return serviceStubs;
  }

  /** A client for the server's namespace; create workers with {@code WorkerFactory.newInstance}. */
  public WorkflowClient client() {
    return client;
  }

  /** {@code prefix-<random>}: task queues and workflow ids that no other test shares. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private void stop() {
    serviceStubs.shutdownNow();
    server.close();
  }

  /** Under Maven's target/ when run from a module, so the server log stays with the build. */
  private static Path workDir() {
    Path base = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of(tmpDir());
    try {
      return Files.createTempDirectory(base.toAbsolutePath(), "shared-temporal-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory for Temporal in " + base, e);
    }
  }

  private static String tmpDir() {
    return System.getProperty("java.io.tmpdir");
  }
}
