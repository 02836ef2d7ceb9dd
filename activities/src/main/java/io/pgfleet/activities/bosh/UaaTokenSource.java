package io.pgfleet.activities.bosh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * UAA client-credentials tokens for the Director. The grant has no refresh token, so renewal is a
 * new grant: ahead of expiry, and once more when the Director still answers 401 (clock skew, key
 * rotation).
 */
final class UaaTokenSource implements BoshAuth {

  /** Renew this long before {@code expires_in} runs out so no request carries a dying token. */
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);

  /** If UAA leaves out {@code expires_in}, assume a short life rather than trust it forever. */
  private static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);

  private record TokenResponse(String accessToken, String tokenType, Long expiresIn) {}

  private final OkHttpClient http;
  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final Clock clock;
  private String header;
  private Instant renewAt = Instant.MIN;

  UaaTokenSource(
      OkHttpClient http, HttpUrl tokenUrl, String clientId, String clientSecret, Clock clock) {
    this.http = http;
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  @Override
  public synchronized String authorization() {
    if (header == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return header;
  }

  @Override
  public synchronized boolean renew(String rejected) {
    if (rejected.equals(header)) {
      fetch();
    }
    return !rejected.equals(header);
  }

  private void fetch() {
    String what = "UAA token request to " + tokenUrl;
    Request request =
        new Request.Builder()
            .url(tokenUrl)
            .header("Authorization", Credentials.basic(clientId, clientSecret))
            .header("Accept", "application/json")
            .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
            .build();
    BoshResponse response = BoshResponse.execute(http, request, what);
    if (!response.isSuccessful()) {
      BoshException error = BoshErrors.from(what, response);
      // UAA refuses bad client credentials with 400/401; both are login failures.
      throw error instanceof BoshApiException api
          ? new BoshAuthException(what, api.code(), api.description())
          : error;
    }
    TokenResponse token = BoshJson.read(response.body(), TokenResponse.class, what);
    if (token.accessToken() == null || token.accessToken().isEmpty()) {
      throw new BoshProtocolException(what + " returned no access_token");
    }
    Duration lifetime =
        token.expiresIn() == null ? ASSUMED_LIFETIME : Duration.ofSeconds(token.expiresIn());
    header = "bearer " + token.accessToken();
    renewAt = clock.instant().plus(lifetime).minus(RENEW_BEFORE_EXPIRY);
  }
}
