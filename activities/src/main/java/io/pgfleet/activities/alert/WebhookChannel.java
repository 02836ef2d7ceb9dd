package io.pgfleet.activities.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.workflows.alert.Alert;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * POSTs each alert as JSON to one URL: {@code {"id", "cluster_id", "subject", "severity",
 * "operation_id", "summary", "reason", "at"}} with severity in lower case and {@code at} as an
 * ISO-8601 instant. Any 2xx answer is delivery; receivers should deduplicate by {@code id}, which a
 * retried alert repeats.
 */
public final class WebhookChannel implements AlertChannel {

  /** Carries the configured shared secret; receivers compare it with their copy. */
  public static final String SECRET_HEADER = "X-Pgfleet-Webhook-Secret";

  /** A receiver that does not accept a connection within this is down, not slow. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The whole exchange: a webhook should only queue the alert. Bounded so a hanging receiver delays
   * the other channels (and the activity) by seconds, not minutes.
   */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /** How much of an error answer goes into the failure reason. */
  private static final int ERROR_BODY_CHARS = 200;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final URI url;
  private final String secret;

  /**
   * @param http shared by every webhook, built with {@link #newClient()}
   * @param secret null sends no {@link #SECRET_HEADER}
   */
  public WebhookChannel(OkHttpClient http, URI url, String secret) {
    this.http = http;
    this.url = url;
    this.secret = secret;
  }

  public static OkHttpClient newClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .retryOnConnectionFailure(false)
        .build();
  }

  @Override
  public String name() {
    return "webhook " + redacted(url);
  }

  @Override
  public void deliver(Alert alert) throws AlertChannelException {
    Request.Builder request =
        new Request.Builder().url(url.toString()).post(RequestBody.create(payload(alert), JSON));
    if (secret != null) {
      request.header(SECRET_HEADER, secret);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      if (!response.isSuccessful()) {
        String body = response.body().string();
        throw new AlertChannelException(
            "answered HTTP "
                + response.code()
                + (body.isBlank() ? "" : ": " + abbreviate(body.strip(), ERROR_BODY_CHARS)));
      }
    } catch (IOException e) {
      throw new AlertChannelException("could not be reached: " + e.getMessage(), e);
    }
  }

  static String payload(Alert alert) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", alert.id());
    body.put("cluster_id", alert.clusterId());
    body.put("subject", alert.subject());
    body.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
    body.put("operation_id", alert.operationId());
    body.put("summary", alert.summary());
    body.put("reason", alert.reason());
    body.put("at", Instant.ofEpochMilli(alert.atMillis()).toString());
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert of strings did not serialise", e);
    }
  }

  /** The URL without user info or query, which may carry credentials (e.g. a token parameter). */
  static String redacted(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return url.getScheme() + "://" + url.getHost() + port + path;
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
