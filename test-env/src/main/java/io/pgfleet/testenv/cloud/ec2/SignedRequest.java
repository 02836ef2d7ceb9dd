package io.pgfleet.testenv.cloud.ec2;

import java.util.List;
import java.util.Map;

/**
 * What Signature V4 covers of an HTTP request.
 *
 * @param rawPath the path as sent (still percent-encoded)
 * @param rawQuery the query string as sent, or null
 * @param headers by lower-case name
 */
record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  String header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
