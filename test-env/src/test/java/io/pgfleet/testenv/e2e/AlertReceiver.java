package io.pgfleet.testenv.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The alert webhook of end-to-end tests: an HTTP server on a free loopback port that keeps every
 * alert the control-plane worker POSTs (the webhook JSON: id, cluster_id, subject, severity,
 * operation_id, summary, reason, at). Requests without the shared secret are refused with 401.
 */
final class AlertReceiver implements AutoCloseable {

  private static final String PATH = "/alerts";
  private static final String SECRET_HEADER = "X-Pgfleet-Webhook-Secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String secret = UUID.randomUUID().toString();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  AlertReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(PATH, this::receive);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Every alert received so far, oldest first. */
  List<JsonNode> alerts() {
    return List.copyOf(received);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      if (!"POST".equals(exchange.getRequestMethod())
          || !secret.equals(exchange.getRequestHeaders().getFirst(SECRET_HEADER))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      received.add(JSON.readTree(body));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
