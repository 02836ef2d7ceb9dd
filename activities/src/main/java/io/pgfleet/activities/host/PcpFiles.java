package io.pgfleet.activities.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * pcp.conf (user and the md5 of the password, as pg_md5 prints it) and the PCPPASSFILE the agent's
 * own pcp commands read, so the password never appears on a command line.
 */
record PcpFiles(String user, String password) {

  static PcpFiles from(String user, String password) {
    return new PcpFiles(
        InputChecks.roleName(user, "pcp user"),
        InputChecks.singleLine(InputChecks.required(password, "pcp password"), "pcp password"));
  }

  @Override
  public String toString() {
    return "PcpFiles[user=" + user + ", password=***]";
  }

  String pcpConf() {
    return user + ":" + md5Hex(password) + "\n";
  }

  /** hostname:port:username:password, escaped like a libpq password file. */
  String pcpPass() {
    return "*:*:" + user + ":" + PgPass.escape(password) + "\n";
  }

  /** The user named in a pcp.conf. */
  static Optional<String> userOf(String pcpConf) {
    return pcpConf.lines().filter(l -> l.contains(":")).findFirst().map(l -> l.split(":")[0]);
  }

  static String md5Hex(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
