package io.pgfleet.workflows.cluster;

import java.util.List;

/** How applications reach the cluster: through every pgpool, which routes writes to the primary. */
final class ConnectionStrings {

  private ConnectionStrings() {}

  /** Generated user names and passwords are [a-z0-9_], so nothing needs percent-encoding. */
  static BindingCredentials credentials(Topology topology, BindingRecord binding) {
    List<String> hosts = topology.endpoints();
    String hostList = String.join(",", hosts);
    String database = ApplicationDatabase.NAME;
    return new BindingCredentials(
        "postgresql://"
            + binding.username()
            + ":"
            + binding.password()
            + "@"
            + hostList
            + "/"
            + database
            + "?target_session_attrs=read-write",
        "jdbc:postgresql://" + hostList + "/" + database,
        binding.username(),
        binding.password(),
        database,
        hosts);
  }
}
