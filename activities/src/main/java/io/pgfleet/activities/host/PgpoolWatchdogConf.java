package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The watchdog part of pgpool.conf: the cluster's pgpools decide together (majority vote) that a
 * backend failed, and only with a quorum alive. There is no virtual IP: clients know every pgpool.
 */
final class PgpoolWatchdogConf {
  private PgpoolWatchdogConf() {}

  /** Heartbeats go out every second so a lost peer shows within a few of them. */
  static final int HEARTBEAT_KEEPALIVE_SECONDS = 1;

  /**
   * Five missed heartbeats: the peer is gone and the others elect a new leader (pgpool's default of
   * 30 s would leave failover requests waiting on a dead leader for that long).
   */
  static final int HEARTBEAT_DEADTIME_SECONDS = 5;

  /** How often the lifecheck compares heartbeat times; cheap in heartbeat mode. */
  static final int LIFECHECK_INTERVAL_SECONDS = 1;

  /** Hex digits of the watchdog key: plenty to keep another cluster's pgpools out. */
  private static final int AUTH_KEY_LENGTH = 32;

  static void put(
      Map<String, Object> s,
      HostEnvironment env,
      PgpoolWatchdog watchdog,
      ConfigurePgpoolInput input) {
    if (!watchdog.enabled()) {
      s.put("use_watchdog", false);
      return;
    }
    List<String> members = watchdog.members();
    if (!members.get(watchdog.ownId()).equals(env.address())) {
      throw InputChecks.invalid(
          "pgpool watchdog member "
              + watchdog.ownId()
              + " is "
              + members.get(watchdog.ownId())
              + ", not this VM's address "
              + env.address());
    }
    s.put("use_watchdog", true);
    s.put("delegate_ip", "");
    s.put("wd_authkey", authKey(input));
    s.put("wd_lifecheck_method", "heartbeat");
    s.put("wd_interval", LIFECHECK_INTERVAL_SECONDS);
    s.put("wd_heartbeat_keepalive", HEARTBEAT_KEEPALIVE_SECONDS);
    s.put("wd_heartbeat_deadtime", HEARTBEAT_DEADTIME_SECONDS);
    s.put("failover_when_quorum_exists", true);
    s.put("failover_require_consensus", true);
    s.put("enable_consensus_with_half_votes", false);
    s.put("allow_multiple_failover_requests_from_node", false);
    for (int id = 0; id < members.size(); id++) {
      String address = InputChecks.host(members.get(id), "pgpool watchdog member");
      s.put("hostname" + id, address);
      s.put("wd_port" + id, PgpoolWatchdogPorts.watchdog(address));
      s.put("pgpool_port" + id, env.pgpoolPort());
      s.put("heartbeat_hostname" + id, address);
      s.put("heartbeat_port" + id, PgpoolWatchdogPorts.heartbeat(address));
      s.put("heartbeat_device" + id, "");
    }
  }

  /**
   * Watchdog peers prove membership with this key; it comes from the cluster id and the PCP
   * password, so only this cluster's pgpools share it and the password itself stays out of the
   * file.
   */
  private static String authKey(ConfigurePgpoolInput input) {
    String seed =
        InputChecks.required(input.clusterId(), "cluster id")
            + "\n"
            + InputChecks.required(input.pcpPassword(), "pcp password");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, AUTH_KEY_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
