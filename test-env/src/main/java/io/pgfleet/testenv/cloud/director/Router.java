package io.pgfleet.testenv.cloud.director;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pgfleet.testenv.cloud.DirectorError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests the way the Director's Sinatra controllers do: an unknown path is a 404 text;
 * then authentication (401 text with the Basic challenge) and the context id check (400 70010);
 * then the route, where a wrong Content-Type on a {@code consumes: :yaml} route is again a 404
 * text. Director errors become {@code {"code","description"}}; anything else a bodiless 500.
 */
final class Router implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final int MAX_CONTEXT_ID = 64;
  static final String YAML = "text/yaml";

  @FunctionalInterface
  interface Handler {
    void handle(DirectorExchange exchange, Matcher path) throws Exception;
  }

  private record Route(
      String method, Pattern path, boolean authenticated, String consumes, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final BasicAuth auth;
  private final boolean tls;

  Router(BasicAuth auth, boolean tls) {
    this.auth = auth;
    this.tls = tls;
  }

  Router get(String path, Handler handler) {
    return add("GET", path, null, handler);
  }

  Router delete(String path, Handler handler) {
    return add("DELETE", path, null, handler);
  }

  Router add(String method, String path, String consumes, Handler handler) {
    routes.add(new Route(method, Pattern.compile(path), true, consumes, handler));
    return this;
  }

  Router publicGet(String path, Handler handler) {
    routes.add(new Route("GET", Pattern.compile(path), false, null, handler));
    return this;
  }

  @Override
  public void handle(HttpExchange http) {
    DirectorExchange exchange = new DirectorExchange(http, tls);
    try {
      dispatch(exchange);
    } catch (DirectorError e) {
      respond(exchange, e);
    } catch (Exception e) {
      LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
      try {
        exchange.empty(500);
      } catch (Exception ignored) {
        // the client is gone
      }
    } finally {
      http.close();
    }
  }

  private void dispatch(DirectorExchange exchange) throws Exception {
    String path = exchange.path();
    List<Route> matching = routes.stream().filter(r -> r.path().matcher(path).matches()).toList();
    if (matching.isEmpty()) {
      notFound(exchange);
      return;
    }
    exchange.user(auth.authenticate(exchange.header("Authorization")));
    if (matching.stream().allMatch(Route::authenticated) && exchange.user() == null) {
      exchange.header("WWW-Authenticate", "Basic realm=\"BOSH Director\"");
      exchange.text(401, "Not authorized: '" + path + "'\n", DirectorExchange.HTML);
      return;
    }
    if (exchange.contextId().length() > MAX_CONTEXT_ID) {
      throw DirectorError.badRequest(
          DirectorError.CONTEXT_ID_TOO_LONG,
          "X-Bosh-Context-Id cannot be more than 64 characters in length");
    }
    for (Route route : matching) {
      if (route.method().equals(exchange.method()) && consumes(route, exchange)) {
        Matcher matcher = route.path().matcher(path);
        matcher.matches();
        route.handler().handle(exchange, matcher);
        return;
      }
    }
    notFound(exchange);
  }

  private static boolean consumes(Route route, DirectorExchange exchange) {
    if (route.consumes() == null) {
      return true;
    }
    String contentType = exchange.header("Content-Type");
    return contentType != null && contentType.split(";")[0].trim().equals(route.consumes());
  }

  private static void notFound(DirectorExchange exchange) throws Exception {
    exchange.text(404, "Endpoint '" + exchange.path() + "' not found.", DirectorExchange.HTML);
  }

  private static void respond(DirectorExchange exchange, DirectorError e) {
    try {
      exchange.error(e);
    } catch (Exception ignored) {
      // the client is gone
    }
  }
}
