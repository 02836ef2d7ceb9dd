package io.pgfleet.testenv.restore;

import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The PostgreSQL part of provisioning on two local VMs, through their node agents: bootstrap the
 * primary, archiving on both into the cluster's stanza, the standby built from the primary.
 */
@WorkflowInterface
public interface SetupClusterWorkflow {

  record Input(
      String clusterId,
      Topology topology,
      PostgresCredentials credentials,
      ArchiveSettings archive,
      BuildStandbyInput standby) {}

  @WorkflowMethod
  void setUp(Input input);
}
