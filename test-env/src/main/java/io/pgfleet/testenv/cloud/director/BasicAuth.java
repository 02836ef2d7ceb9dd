package io.pgfleet.testenv.cloud.director;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The Director's local user store with one user: {@code Authorization: Basic …}. */
final class BasicAuth {

  private final String user;
  private final byte[] password;

  BasicAuth(String user, String password) {
    this.user = user;
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  /** The user name when the header carries valid credentials, else null. */
  String authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    boolean userMatches = decoded.substring(0, colon).equals(user);
    boolean passwordMatches =
        MessageDigest.isEqual(
            decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8), password);
    return userMatches && passwordMatches ? user : null;
  }
}
