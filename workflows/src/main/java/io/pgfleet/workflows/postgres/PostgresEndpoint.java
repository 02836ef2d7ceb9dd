package io.pgfleet.workflows.postgres;

/** Where to connect as the cluster's superuser. */
public record PostgresEndpoint(String host, int port, String superuserPassword) {

  @Override
  public String toString() {
    return "PostgresEndpoint[" + host + ":" + port + "]";
  }
}
