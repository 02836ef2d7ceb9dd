package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.deprovision.DeprovisionWorkflow;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.pgfleet.workflows.provision.ProvisionWorkflow;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The cluster a verification restores into: {@code verify-<8 hex>}, which is a valid BOSH
 * deployment name ({@code pgfleet-verify-…}), S3 prefix and pgBackRest stanza. Its passwords are
 * generated here from {@link Workflow#randomUUID} (recorded in history, so a replay gets the same
 * ones) and live only in this workflow's state and its children's inputs.
 */
final class ThrowAwayCluster {

  static final String PREFIX = "verify-";

  /** 32 random bits: enough to keep concurrent verifications' clusters apart. */
  private static final int SUFFIX_LENGTH = 8;

  final String clusterId;
  final ClusterSecrets secrets;
  private final String operationId;
  private Topology topology;

  ThrowAwayCluster(String operationId) {
    this.operationId = operationId;
    this.clusterId = PREFIX + hex().substring(0, SUFFIX_LENGTH);
    this.secrets = new ClusterSecrets(password(), password(), password());
  }

  String deployment() {
    return ClusterNaming.deployment(clusterId);
  }

  /** The child operations' ids: one per step, so their workflow ids never collide. */
  String childOperation(String step) {
    return operationId + "-" + step;
  }

  Topology provision(Plan plan) {
    String op = childOperation("provision");
    ProvisionWorkflow child =
        Workflow.newChildWorkflowStub(ProvisionWorkflow.class, VerifyPolicies.child(clusterId, op));
    topology =
        child.provision(new ProvisionInput(clusterId, op, deployment(), plan, secrets)).topology();
    return topology;
  }

  /** Removes whatever the provision created; a cluster never provisioned has no topology yet. */
  void deprovision() {
    String op = childOperation("deprovision");
    DeprovisionWorkflow child =
        Workflow.newChildWorkflowStub(
            DeprovisionWorkflow.class, VerifyPolicies.cleanup(clusterId, op));
    child.deprovision(
        new DeprovisionInput(clusterId, op, deployment(), topology, secrets, List.of()));
  }

  PostgresEndpoint primary() {
    return new PostgresEndpoint(
        topology.primary().address(), Topology.POSTGRES_PORT, secrets.superuserPassword());
  }

  Topology topology() {
    return topology;
  }

  private static String password() {
    return hex() + hex();
  }

  private static String hex() {
    return Workflow.randomUUID().toString().replace("-", "");
  }
}
