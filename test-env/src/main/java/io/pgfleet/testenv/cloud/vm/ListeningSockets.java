package io.pgfleet.testenv.cloud.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether anything listens on an IPv4 address, from /proc/net/tcp and /proc/net/tcp6 (Java
 * servers bind IPv4 addresses as v4-mapped IPv6 sockets, so both tables count).
 */
public class ListeningSockets {

  private static final String LISTEN = "0A";
  private static final String V4_MAPPED_PREFIX = "0000000000000000FFFF0000";

  public boolean isListening(String ipv4) {
    String hex = hex(ipv4);
    return listens(Path.of("/proc/net/tcp"), hex)
        || listens(Path.of("/proc/net/tcp6"), V4_MAPPED_PREFIX + hex);
  }

  private static boolean listens(Path table, String localHex) {
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      return false;
    }
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 3 && LISTEN.equals(fields[3]) && fields[1].startsWith(localHex + ":")) {
        return true;
      }
    }
    return false;
  }

  /** /proc shows an IPv4 address as one little-endian 32-bit word in hex. */
  static String hex(String ipv4) {
    String[] octets = ipv4.split("\\.");
    StringBuilder hex = new StringBuilder();
    for (int i = octets.length - 1; i >= 0; i--) {
      hex.append(String.format(Locale.ROOT, "%02X", Integer.parseInt(octets[i])));
    }
    return hex.toString();
  }
}
