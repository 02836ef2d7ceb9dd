package io.pgfleet.workflows.cluster;

import io.temporal.workflow.Workflow;

/**
 * Passwords generated in workflow code: {@link Workflow#randomUUID} is recorded in history, so a
 * replay yields the same values. Two UUIDs give 244 random bits in 64 hex characters, which need no
 * escaping in a connection URI.
 */
final class Secrets {

  private Secrets() {}

  static String password() {
    return hex() + hex();
  }

  static ClusterSecrets cluster() {
    return new ClusterSecrets(password(), password(), password());
  }

  private static String hex() {
    return Workflow.randomUUID().toString().replace("-", "");
  }
}
