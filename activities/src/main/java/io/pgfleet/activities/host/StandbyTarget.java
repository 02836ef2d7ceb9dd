package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.BuildStandbyInput;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a buildStandby or rejoinAsStandby input asks of this node, checked: the primary to stream
 * from, the passwords, and the managed files a standby of that primary has.
 */
record StandbyTarget(
    String clusterId,
    PgPass pgpass,
    PostgresSettings.Upstream upstream,
    Map<String, String> settings,
    String hba) {

  private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

  static StandbyTarget of(PostgresNode node, BuildStandbyInput input) {
    String clusterId = InputChecks.required(input.clusterId(), "cluster id");
    PgPass pgpass = PgPass.from(input.credentials());
    PostgresSettings.Upstream upstream =
        new PostgresSettings.Upstream(
            InputChecks.host(input.primaryHost(), "primary host"),
            InputChecks.port(input.primaryPort(), "primary port"),
            slotName(input.slotName()),
            pgpass.replicationUser());
    if (upstream.host().equals(node.env().address())
        && upstream.port() == node.env().postgresPort()) {
      // a base backup or rewind starts by overwriting the data directory: never from itself
      throw InputChecks.invalid(
          "PostgreSQL on " + node.env().address() + " cannot be a standby of itself");
    }
    return new StandbyTarget(
        clusterId,
        pgpass,
        upstream,
        PostgresSettings.standby(node.env(), node.layout(), input.parameters(), upstream),
        PgHba.render(pgpass.replicationUser(), input.replicaHosts()));
  }

  /** The passwords the agent may connect to its own server with. */
  List<String> passwords() {
    return List.of(pgpass.superuserPassword());
  }

  /** {@code host:port} of the primary, for messages and conninfo comparisons. */
  String upstreamAddress() {
    return upstream.host() + ":" + upstream.port();
  }

  private static String slotName(String slot) {
    if (slot == null || !SLOT_NAME.matcher(slot).matches()) {
      throw InputChecks.invalid("slot name '" + slot + "' must match [a-z0-9_]{1,63}");
    }
    return slot;
  }

  @Override
  public String toString() {
    return "StandbyTarget[cluster=" + clusterId + ", upstream=" + upstreamAddress() + "]";
  }
}
