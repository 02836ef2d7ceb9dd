package io.pgfleet.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons of secrets that take the same time wherever the first difference is. */
final class Secrets {

  private Secrets() {}

  static boolean matches(String expected, String presented) {
    if (presented == null) {
      return false;
    }
    // MessageDigest.isEqual does not stop at the first differing byte.
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
