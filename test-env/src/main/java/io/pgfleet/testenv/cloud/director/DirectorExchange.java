package io.pgfleet.testenv.cloud.director;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.pgfleet.testenv.cloud.DirectorError;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the Director and the ways to answer it. Content types follow the Director: routes
 * that set {@code content_type(:json)} send application/json, the rest keep Sinatra's default
 * text/html even for JSON bodies.
 */
public final class DirectorExchange {

  static final String JSON = "application/json";
  static final String HTML = "text/html;charset=utf-8";
  static final String TEXT = "text/plain";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpExchange exchange;
  private final boolean tls;
  private final Map<String, String> query;
  private byte[] body;
  private String user;

  DirectorExchange(HttpExchange exchange, boolean tls) {
    this.exchange = exchange;
    this.tls = tls;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
  }

  public String method() {
    return exchange.getRequestMethod();
  }

  public String path() {
    return exchange.getRequestURI().getRawPath();
  }

  public String query(String name) {
    return query.get(name);
  }

  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The authenticated user, or null. */
  public String user() {
    return user;
  }

  void user(String authenticated) {
    this.user = authenticated;
  }

  /** X-Bosh-Context-Id, "" when absent, as BOSH stores it. */
  public String contextId() {
    String id = header("X-Bosh-Context-Id");
    return id == null ? "" : id;
  }

  public String bodyText() throws IOException {
    if (body == null) {
      body = exchange.getRequestBody().readAllBytes();
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  public void json(int status, Object value, String contentType) throws IOException {
    send(status, MAPPER.writeValueAsBytes(value), contentType);
  }

  public void text(int status, String text, String contentType) throws IOException {
    send(status, text.getBytes(StandardCharsets.UTF_8), contentType);
  }

  public void error(DirectorError e) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", e.code());
    body.put("description", e.getMessage());
    json(e.httpStatus(), body, HTML);
  }

  /** 302 to the task, with an absolute Location built from the Host the client used. */
  public void redirectToTask(long taskId) throws IOException {
    String host = header("Host");
    if (host == null) {
      host =
          exchange.getLocalAddress().getAddress().getHostAddress()
              + ":"
              + exchange.getLocalAddress().getPort();
    }
    exchange
        .getResponseHeaders()
        .set("Location", (tls ? "https" : "http") + "://" + host + "/tasks/" + taskId);
    exchange.getResponseHeaders().set("Content-Type", HTML);
    exchange.sendResponseHeaders(302, -1);
  }

  public void empty(int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
  }

  public void header(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  public void send(int status, byte[] bytes, String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(key, value);
    }
    return params;
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
