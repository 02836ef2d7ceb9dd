package io.pgfleet.testenv.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Java test server from temporal-test-server, served over gRPC on a loopback address.
 * TestServer.createPortBoundServer binds every interface, so this assembles the same services on a
 * server bound to one address.
 */
final class JavaTestServer implements TemporalServer {

  /** In-flight calls are local and short; waiting longer would only delay test shutdown. */
  private static final long SHUTDOWN_SECONDS = 5;

  private final TestServicesStarter services;
  private final Server server;
  private final String address;
  private final String namespace;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JavaTestServer(
      TestServicesStarter services, Server server, String address, String namespace) {
    this.services = services;
    this.server = server;
    this.address = address;
    this.namespace = namespace;
  }

  /** Starts on {@code host:port} (0 = free port) and registers the search attributes. */
  static JavaTestServer start(
      String host, int port, String namespace, List<SearchAttributeDefinition> searchAttributes) {
    // Time skipping locked: the server's clock runs like a real server's, as the dev server's does.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new TemporalStartException(
          "cannot start the Java test server on " + host + ":" + port, e);
    }
    JavaTestServer started =
        new JavaTestServer(services, server, host + ":" + server.getPort(), namespace);
    started.registerSearchAttributes(searchAttributes);
    return started;
  }

  private void registerSearchAttributes(List<SearchAttributeDefinition> attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
    attributes.forEach(a -> request.putSearchAttributes(a.name(), a.indexedValueType()));
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address)
                .validateAndBuildWithDefaults());
    try {
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public Kind kind() {
    return Kind.JAVA_TEST_SERVER;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Optional<String> uiUrl() {
    return Optional.empty();
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.empty();
  }

  @Override
  public Optional<Path> logFile() {
    return Optional.empty();
  }

  @Override
  public boolean isRunning() {
    return !closed.get() && !server.isTerminated();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
