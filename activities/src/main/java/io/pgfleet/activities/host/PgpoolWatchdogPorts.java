package io.pgfleet.activities.host;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watchdog (TCP) and heartbeat (UDP) ports of each pgpool. pgpool 4.3 binds both receive sockets to
 * every address of the machine (INADDR_ANY in watchdog.c and wd_heartbeat.c), not to the VM's own.
 * Separate machines use pgpool's standard ports. VMs on loopback addresses share one machine (the
 * local cloud, tests), so each gets ports of its own, derived from its address so that every peer
 * computes the same ones without being told.
 */
final class PgpoolWatchdogPorts {
  private PgpoolWatchdogPorts() {}

  /** pgpool's default wd_port. */
  static final int WATCHDOG_PORT = 9000;

  /** pgpool's default heartbeat_port. */
  static final int HEARTBEAT_PORT = 9694;

  /**
   * Shared-machine ports come from 10000-24999: below Linux's ephemeral range (32768 and up), so no
   * outgoing connection holds one, and clear of the local cloud's fixed ports (Director 25555,
   * S3Proxy 9000, Temporal 7233/8233, EC2 API 8773). TCP and UDP ports are separate, so one number
   * serves both the watchdog and the heartbeat.
   */
  static final int SHARED_HOST_BASE = 10_000;

  static final int SHARED_HOST_SPAN = 15_000;

  private static final Pattern LOOPBACK =
      Pattern.compile("127\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

  static int watchdog(String address) {
    return sharedHost(address) ? derived(address) : WATCHDOG_PORT;
  }

  static int heartbeat(String address) {
    return sharedHost(address) ? derived(address) : HEARTBEAT_PORT;
  }

  static boolean sharedHost(String address) {
    return LOOPBACK.matcher(address).matches();
  }

  /**
   * Distinct for the local cloud's addresses 127.0.x.y as long as x*256+y stays below the span (the
   * first ~14,700 VMs it hands out).
   */
  private static int derived(String address) {
    Matcher m = LOOPBACK.matcher(address);
    if (!m.matches()) {
      throw new IllegalArgumentException(address + " is not a loopback address");
    }
    long number =
        (Long.parseLong(m.group(1)) << 16)
            + (Long.parseLong(m.group(2)) << 8)
            + Long.parseLong(m.group(3));
    return SHARED_HOST_BASE + (int) (number % SHARED_HOST_SPAN);
  }
}
