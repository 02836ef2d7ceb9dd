package io.pgfleet.workflows.rollingupdate;

import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import java.util.Map;

/**
 * @param deployment the BOSH deployment (the topology's)
 * @param topology the cluster as it is now: its primary is switched over once, never restarted
 * @param currentDiskMb the persistent disk the PostgreSQL VMs have now; a plan with less is refused
 * @param plan the plan after the update: the same one for a plain update, another for a plan change
 * @param extraPostgresParameters settings on top of the plan's (they win); null means none
 * @param recreate new VMs (stemcell or VM type changes) instead of restarting the jobs on the old
 */
public record RollingUpdateInput(
    String clusterId,
    String operationId,
    String deployment,
    Topology topology,
    ClusterSecrets secrets,
    int currentDiskMb,
    Plan plan,
    Map<String, String> extraPostgresParameters,
    boolean recreate) {

  public RollingUpdateInput {
    extraPostgresParameters = extraPostgresParameters == null ? Map.of() : extraPostgresParameters;
  }
}
