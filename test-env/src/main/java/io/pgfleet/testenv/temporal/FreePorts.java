package io.pgfleet.testenv.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on a loopback address for servers that need a port number up front. */
public final class FreePorts {

  private FreePorts() {}

  /** {@code requested} itself unless it is 0, then a port that was free a moment ago. */
  public static int resolve(String host, int requested) {
    return requested != 0 ? requested : pick(host);
  }

  public static int pick(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }
}
