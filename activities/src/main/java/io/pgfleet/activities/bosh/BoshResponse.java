package io.pgfleet.activities.bosh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** A Director (or UAA) answer read in full, so no caller has to close anything. */
record BoshResponse(int code, Headers headers, byte[] body) {

  static BoshResponse execute(OkHttpClient client, Request request, String what) {
    try (Response response = client.newCall(request).execute()) {
      return new BoshResponse(response.code(), response.headers(), response.body().bytes());
    } catch (IOException e) {
      throw new BoshUnavailableException(
          what + " failed: cannot reach " + request.url().host() + ": " + e.getMessage(), e);
    }
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  String header(String name) {
    return headers.get(name);
  }

  boolean isSuccessful() {
    return code >= 200 && code < 300;
  }
}
