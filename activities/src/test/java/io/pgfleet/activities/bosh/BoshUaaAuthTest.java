package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Credentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoshUaaAuthTest {

  private static final long TOKEN_LIFETIME_SECONDS = 3600;

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RouteDispatcher bosh = new RouteDispatcher();
  private final MutableClock clock = new MutableClock();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private HttpBoshDirector director;

  @BeforeEach
  void setUp() {
    server.setDispatcher(bosh);
    bosh.on("GET /info", Bosh.json(Bosh.uaaInfo(server.url("/uaa").toString())));
    bosh.on(
        "POST /uaa/oauth/token",
        request ->
            Bosh.json(
                "{\"access_token\":\"t%d\",\"token_type\":\"bearer\",\"expires_in\":%d,\"jti\":\"j\"}"
                    .formatted(tokensIssued.incrementAndGet(), TOKEN_LIFETIME_SECONDS)));
    bosh.on("GET /deployments", Bosh.json("[]"));
    director = new HttpBoshDirector(Bosh.config(server.url("/").toString()), clock);
  }

  @Test
  void fetchesAClientCredentialsTokenOnceAndSendsItAsBearer() {
    director.deployments();
    director.deployments();

    RecordedRequest tokenRequest = bosh.requests("POST /uaa/oauth/token").get(0);
    assertThat(tokenRequest.getHeaders().get("Authorization"))
        .isEqualTo(Credentials.basic("admin", "not-a-real-secret"));
    assertThat(tokenRequest.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(tokenRequest.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(tokenRequest.getBody().string(StandardCharsets.UTF_8))
        .isEqualTo("grant_type=client_credentials");
    assertThat(tokensIssued).hasValue(1);
    assertThat(authorizations()).containsExactly("bearer t1", "bearer t1");
  }

  @Test
  void renewsShortlyBeforeExpiry() {
    director.deployments();
    clock.advance(
        Duration.ofSeconds(TOKEN_LIFETIME_SECONDS)
            .minus(UaaTokenSource.RENEW_BEFORE_EXPIRY)
            .minusSeconds(1));
    director.deployments();
    clock.advance(Duration.ofSeconds(2));
    director.deployments();

    assertThat(authorizations()).containsExactly("bearer t1", "bearer t1", "bearer t2");
  }

  @Test
  void refetchesOnceAfterA401AndRetries() {
    bosh.on(
        "GET /deployments", Bosh.text(401, "Not authorized: '/deployments'\n"), Bosh.json("[]"));

    assertThat(director.deployments()).isEmpty();

    assertThat(authorizations()).containsExactly("bearer t1", "bearer t2");
  }

  @Test
  void aSecond401IsAnAuthFailureWithoutEndlessRetries() {
    bosh.on(
        "GET /deployments",
        Bosh.text(
            401, "{\"code\":600000,\"description\":\"Require one of the scopes: bosh.admin\"}"));

    assertThatThrownBy(director::deployments)
        .isInstanceOfSatisfying(
            BoshAuthException.class, e -> assertThat(e.code()).isEqualTo(600000));
    assertThat(tokensIssued).hasValue(2);
    assertThat(bosh.requests("GET /deployments")).hasSize(2);
  }

  @Test
  void rejectedClientCredentialsAreAnAuthFailure() {
    bosh.on("POST /uaa/oauth/token", Bosh.text(401, "{\"error\":\"unauthorized\"}"));

    assertThatThrownBy(director::deployments)
        .isInstanceOf(BoshAuthException.class)
        .hasMessageContaining("UAA token request");
    assertThat(bosh.requests("GET /deployments")).isEmpty();
  }

  private List<String> authorizations() {
    return bosh.requests("GET /deployments").stream()
        .map(r -> r.getHeaders().get("Authorization"))
        .toList();
  }
}
