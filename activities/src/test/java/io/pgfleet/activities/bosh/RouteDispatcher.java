package io.pgfleet.activities.bosh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Director double for one test: routes are "METHOD /path" or "METHOD /path?query" (exact target
 * wins); a route answers its responses in order and repeats the last. Unknown routes get the
 * Director's text 404.
 */
final class RouteDispatcher extends Dispatcher {

  private final Map<String, Deque<Function<RecordedRequest, MockResponse>>> routes =
      new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  RouteDispatcher on(String route, MockResponse... responses) {
    Deque<Function<RecordedRequest, MockResponse>> queue = new ArrayDeque<>();
    for (MockResponse response : responses) {
      queue.add(request -> response);
    }
    routes.put(route, queue);
    return this;
  }

  RouteDispatcher on(String route, Function<RecordedRequest, MockResponse> handler) {
    routes.put(route, new ArrayDeque<>(List.of(handler)));
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    Deque<Function<RecordedRequest, MockResponse>> queue =
        routes.get(request.getMethod() + " " + request.getTarget());
    if (queue == null) {
      queue = routes.get(request.getMethod() + " " + request.getUrl().encodedPath());
    }
    if (queue == null) {
      return Bosh.text(404, "Endpoint '" + request.getUrl().encodedPath() + "' not found.");
    }
    synchronized (queue) {
      Function<RecordedRequest, MockResponse> next = queue.size() > 1 ? queue.poll() : queue.peek();
      return next.apply(request);
    }
  }

  /** Requests whose "METHOD target" starts with {@code prefix}, in arrival order. */
  List<RecordedRequest> requests(String prefix) {
    return requests.stream()
        .filter(r -> (r.getMethod() + " " + r.getTarget()).startsWith(prefix))
        .toList();
  }
}
