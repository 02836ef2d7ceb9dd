package io.pgfleet.activities.bosh;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Canned Director answers for tests. */
final class Bosh {

  /** Keeps task-polling tests fast. */
  static final Duration FAST_POLL = Duration.ofMillis(10);

  static final String BASIC_INFO =
      """
      {"name":"test-bosh","uuid":"u-1","version":"282.0.3","user":null,"cpi":"aws_cpi",
       "user_authentication":{"type":"basic","options":{}},
       "features":{"snapshots":{"status":true}}}""";

  private Bosh() {}

  static String uaaInfo(String uaaUrl) {
    return """
        {"name":"test-bosh","user_authentication":{"type":"uaa","options":{"url":"%s","urls":["%s"]}}}"""
        .formatted(uaaUrl, uaaUrl);
  }

  static HttpBoshDirector director(MockWebServer server) {
    return new HttpBoshDirector(config(server.url("/").toString()));
  }

  static BoshDirectorConfig config(String url) {
    return new BoshDirectorConfig(url, "admin", "not-a-real-secret", null, FAST_POLL);
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse text(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "text/plain")
        .body(body)
        .build();
  }

  /** The Director's redirect names its own external address, which clients must not follow. */
  static MockResponse redirectToTask(long id) {
    return new MockResponse.Builder()
        .code(302)
        .addHeader("Location", "https://10.255.0.6:25555/tasks/" + id)
        .build();
  }

  static MockResponse task(long id, String state, String result) {
    return json(taskJson(id, state, result, "pg-1", ""));
  }

  static String taskJson(long id, String state, String result, String deployment, String ctx) {
    return """
        {"id":%d,"state":"%s","description":"create deployment","timestamp":null,
         "started_at":1447033291,"result":%s,"user":"admin","deployment":"%s","context_id":"%s",
         "some_future_field":true}"""
        .formatted(id, state, result == null ? "null" : "\"" + result + "\"", deployment, ctx);
  }

  static MockResponse noContent() {
    return new MockResponse.Builder().code(204).build();
  }
}
