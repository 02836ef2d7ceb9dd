package io.pgfleet.workflows.cluster;

/**
 * Generated once per cluster by its workflow. They live in workflow state and activity inputs,
 * which the payload codec encrypts; never in search attributes, memos or logs.
 */
public record ClusterSecrets(
    String superuserPassword, String replicationPassword, String pcpPassword) {

  public static final String REPLICATION_USER = "replicator";
  public static final String PCP_USER = "pcpadmin";

  @Override
  public String toString() {
    return "ClusterSecrets[***]";
  }
}
