package io.pgfleet.testenv.cloud.director;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** The Director's HTTP(S) endpoint: every resource's handler behind one router. */
public final class DirectorHttpServer implements AutoCloseable {

  private static final int HTTP_THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean tls;

  private DirectorHttpServer(HttpServer server, ExecutorService executor, boolean tls) {
    this.server = server;
    this.executor = executor;
    this.tls = tls;
  }

  /**
   * @param tlsContext null for plain HTTP
   */
  public static DirectorHttpServer start(
      InetSocketAddress address,
      SSLContext tlsContext,
      DirectorContext director,
      String user,
      String password)
      throws IOException {
    boolean tls = tlsContext != null;
    Router router = new Router(new BasicAuth(user, password), tls);
    new InfoHandler(director).register(router);
    new TasksHandler(director).register(router);
    new DeploymentsHandler(director).register(router);
    new InstancesHandler(director).register(router);
    new IgnoreHandler(director).register(router);
    new LocksHandler(director).register(router);
    new DisksHandler(director).register(router);
    new DiskAttachmentsHandler(director).register(router);

    HttpServer server;
    if (tls) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tlsContext));
      server = https;
    } else {
      server = HttpServer.create(address, 0);
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            HTTP_THREADS,
            r -> {
              Thread t = new Thread(r, "director-http-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", router);
    server.start();
    return new DirectorHttpServer(server, executor, tls);
  }

  public URI url() {
    InetSocketAddress bound = server.getAddress();
    return URI.create(
        (tls ? "https" : "http")
            + "://"
            + bound.getAddress().getHostAddress()
            + ":"
            + bound.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
