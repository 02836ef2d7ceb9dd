package io.pgfleet.workflows.postgres;

public record BindingRoleInput(
    PostgresEndpoint primary, String database, String ownerRole, String username, String password) {

  @Override
  public String toString() {
    return "BindingRoleInput[" + primary + ", " + database + ", " + username + "]";
  }
}
