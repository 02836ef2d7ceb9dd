package io.pgfleet.activities.host;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** pg_hba.conf as pgfleet writes it. */
final class PgHba {
  private PgHba() {}

  static final String FILE_NAME = "pg_hba.conf";

  /** The loopback address every connection between two loopback "VMs" comes from. */
  private static final String LOOPBACK_SOURCE = "127.0.0.1";

  /**
   * The agent's socket is trusted for the superuser (the socket directory is private to the service
   * user); replication only for the replication user from the replica hosts; everyone else with a
   * SCRAM password.
   */
  static String render(String replicationUser, List<String> replicaHosts) {
    StringBuilder out = new StringBuilder("# Managed by the pgfleet node agent.\n");
    out.append(line("local", "all", "postgres", "", "trust"));
    for (String source : replicationSources(replicaHosts)) {
      out.append(line("host", "replication", replicationUser, source, "scram-sha-256"));
    }
    out.append(line("host", "all", "all", "0.0.0.0/0", "scram-sha-256"));
    out.append(line("host", "all", "all", "::/0", "scram-sha-256"));
    return out.toString();
  }

  private static Set<String> replicationSources(List<String> replicaHosts) {
    Set<String> sources = new LinkedHashSet<>();
    for (String host : replicaHosts == null ? List.<String>of() : replicaHosts) {
      InputChecks.host(host, "replica host");
      sources.add(cidr(host));
      // Linux gives a connection to any 127.x.y.z the source 127.0.0.1, so a replica on a
      // loopback "VM" (the local cloud) is seen coming from there rather than from its address.
      if (host.startsWith("127.")) {
        sources.add(LOOPBACK_SOURCE + "/32");
      }
    }
    return sources;
  }

  private static String cidr(String host) {
    if (host.contains(":")) {
      return host + "/128";
    }
    return host.matches("[0-9.]+") ? host + "/32" : host;
  }

  private static String line(
      String type, String database, String user, String address, String method) {
    return String.format("%-7s %-12s %-12s %-20s %s\n", type, database, user, address, method);
  }
}
