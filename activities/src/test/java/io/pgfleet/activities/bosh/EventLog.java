package io.pgfleet.activities.bosh;

import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/** A growing task event log served with the Director's Range semantics (206 / 416 / 204). */
final class EventLog {

  private final StringBuilder content = new StringBuilder();

  synchronized EventLog append(String line) {
    content.append(line).append('\n');
    return this;
  }

  synchronized MockResponse serve(RecordedRequest request) {
    byte[] all = content.toString().getBytes(StandardCharsets.UTF_8);
    if (all.length == 0) {
      return Bosh.noContent();
    }
    String range = request.getHeaders().get("Range");
    int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
    if (from >= all.length) {
      return new MockResponse.Builder().code(416).build();
    }
    Buffer slice = new Buffer().write(all, from, all.length - from);
    return new MockResponse.Builder()
        .code(range == null ? 200 : 206)
        .addHeader("Content-Range", "bytes " + from + "-" + (all.length - 1) + "/" + all.length)
        .body(slice)
        .build();
  }

  synchronized int length() {
    return content.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
