package io.pgfleet.testenv.e2e;

import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Test-only workflow: turns five freshly deployed VMs into a primary, a streaming standby and three
 * pgpool nodes by calling each VM's node agent on its own task queue. (The product's
 * ProvisionWorkflow does the same with compensation and verification.)
 */
@WorkflowInterface
public interface AssembleClusterWorkflow {

  @WorkflowMethod
  Assembled assemble(Input input);

  /** A VM as the workflow addresses it: its agent's task queue and its IP. */
  record Node(String taskQueue, String address) {}

  record Input(
      String clusterId,
      Node primary,
      Node standby,
      List<Node> pgpools,
      PostgresCredentials credentials) {}

  record Assembled(
      PostgresNodeStatus primary, PostgresNodeStatus standby, List<PgpoolNodeStatus> pgpools) {}
}
