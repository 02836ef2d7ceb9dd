package io.pgfleet.activities.bosh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Transport to one Director: base URL, authentication (discovered from {@code /info} on first use),
 * the context-id header, one retry after a 401 with a renewed token, and task ids from redirects.
 */
final class BoshHttp {

  static final String CONTEXT_ID_HEADER = "X-Bosh-Context-Id";
  private static final MediaType YAML = MediaType.get("text/yaml");
  private static final Pattern TASK_PATH = Pattern.compile("/tasks/(\\d+)");

  private final OkHttpClient client;
  private final HttpUrl base;
  private final BoshDirectorConfig config;
  private final Clock clock;
  private volatile BoshAuth auth;

  BoshHttp(BoshDirectorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.client = BoshTls.httpClient(config.caPem());
    HttpUrl url = HttpUrl.parse(config.url());
    if (url == null) {
      throw new IllegalArgumentException(
          "BOSH Director url is not an http(s) URL: " + config.url());
    }
    this.base = url;
  }

  /** The base URL with these path segments appended (each one percent-encoded). */
  HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder builder = base.newBuilder();
    for (String segment : segments) {
      builder.addPathSegment(segment);
    }
    return builder;
  }

  /** Routes declared {@code consumes: :yaml} only match text/yaml, even with an empty body. */
  static RequestBody yaml(String body) {
    // Bytes, not a String: OkHttp would append "; charset=utf-8" to a String body's type.
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return RequestBody.create(bytes, YAML);
  }

  BoshInfo info() {
    String what = "GET /info";
    BoshResponse response = BoshResponse.execute(client, get(url("info").build()), what);
    if (!response.isSuccessful()) {
      throw BoshErrors.from(what, response);
    }
    return BoshJson.read(response.body(), BoshInfo.class, what);
  }

  static Request get(HttpUrl url) {
    return new Request.Builder().url(url).get().build();
  }

  /** Sends with credentials (and the context id when given); any status comes back. */
  BoshResponse send(Request request, String contextId, String what) {
    Request.Builder builder = request.newBuilder();
    String wireContextId = ContextIds.wire(contextId);
    if (wireContextId != null) {
      builder.header(CONTEXT_ID_HEADER, wireContextId);
    }
    BoshAuth current = auth();
    String credential = current.authorization();
    BoshResponse response =
        BoshResponse.execute(client, builder.header("Authorization", credential).build(), what);
    if (response.code() == 401 && current.renew(credential)) {
      response =
          BoshResponse.execute(
              client, builder.header("Authorization", current.authorization()).build(), what);
    }
    return response;
  }

  /** Sends and returns a 2xx answer; anything else becomes a typed exception. */
  BoshResponse expectSuccess(Request request, String what) {
    BoshResponse response = send(request, null, what);
    if (!response.isSuccessful()) {
      throw BoshErrors.from(what, response);
    }
    return response;
  }

  /** Sends a call that starts a task and returns the task id from the 302/303 Location. */
  long submit(Request request, String contextId, String what) {
    BoshResponse response = send(request, contextId, what);
    if (response.code() != 302 && response.code() != 303) {
      if (response.isSuccessful()) {
        throw new BoshProtocolException(
            what + ": expected a redirect to a task, got HTTP " + response.code());
      }
      throw BoshErrors.from(what, response);
    }
    String location = Objects.requireNonNullElse(response.header("Location"), "");
    Matcher matcher = TASK_PATH.matcher(location);
    if (!matcher.find()) {
      throw new BoshProtocolException(what + ": redirect without a task id: '" + location + "'");
    }
    return Long.parseLong(matcher.group(1));
  }

  private BoshAuth auth() {
    BoshAuth current = auth;
    if (current == null) {
      synchronized (this) {
        if (auth == null) {
          auth = discoverAuth();
        }
        current = auth;
      }
    }
    return current;
  }

  private BoshAuth discoverAuth() {
    BoshInfo info = info();
    if (!info.usesUaa()) {
      return BoshAuth.basic(config.client(), config.secret());
    }
    HttpUrl uaa = info.uaaUrl() == null ? null : HttpUrl.parse(info.uaaUrl());
    if (uaa == null) {
      throw new BoshProtocolException(
          "BOSH Director uses UAA but /info gives no usable url: " + info.uaaUrl());
    }
    HttpUrl tokenUrl = uaa.newBuilder().addPathSegments("oauth/token").build();
    return new UaaTokenSource(client, tokenUrl, config.client(), config.secret(), clock);
  }
}
