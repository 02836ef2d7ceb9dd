package io.pgfleet.workflows.host;

/**
 * Passwords a PostgreSQL node needs. They travel in activity inputs, which the payload codec
 * encrypts, never in search attributes or logs.
 */
public record PostgresCredentials(
    String superuserPassword, String replicationUser, String replicationPassword) {

  @Override
  public String toString() {
    return "PostgresCredentials[replicationUser=" + replicationUser + ", passwords=***]";
  }
}
