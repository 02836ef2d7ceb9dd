package io.pgfleet.workflows.cluster;

import java.util.List;

/**
 * What an application gets from a binding (OSB "credentials").
 *
 * @param uri postgresql://user:password@pgpool-host:port,…/database
 * @param hosts host:port of the three pgpool nodes
 */
public record BindingCredentials(
    String uri,
    String jdbcUrl,
    String username,
    String password,
    String database,
    List<String> hosts) {

  @Override
  public String toString() {
    return "BindingCredentials[username=" + username + ", hosts=" + hosts + "]";
  }
}
