package io.pgfleet.activities.bosh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a caller's idempotency key into an {@code X-Bosh-Context-Id}. The Director rejects ids over
 * 64 characters (code 70010), so longer keys (or keys a header cannot carry) become a readable
 * prefix plus a SHA-256 digest: stable, so a retry sends and finds the same id.
 */
final class ContextIds {

  static final int MAX_LENGTH = 64;
  private static final int DIGEST_HEX_CHARS = 32;
  private static final int PREFIX_CHARS = MAX_LENGTH - DIGEST_HEX_CHARS - 1;

  private ContextIds() {}

  static String wire(String contextId) {
    if (contextId == null || contextId.isEmpty()) {
      return null;
    }
    if (contextId.length() <= MAX_LENGTH && isPrintableAscii(contextId)) {
      return contextId;
    }
    String prefix = contextId.substring(0, Math.min(PREFIX_CHARS, contextId.length()));
    if (!isPrintableAscii(prefix)) {
      prefix = "ctx";
    }
    return prefix + "-" + sha256Hex(contextId).substring(0, DIGEST_HEX_CHARS);
  }

  private static boolean isPrintableAscii(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  private static String sha256Hex(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
