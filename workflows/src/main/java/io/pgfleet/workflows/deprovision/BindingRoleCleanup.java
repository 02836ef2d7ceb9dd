package io.pgfleet.workflows.deprovision;

import io.pgfleet.workflows.cluster.ApplicationDatabase;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.postgres.DropBindingRoleInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * Drops the bindings' roles before the VMs go, so a cluster whose deletion fails half-way holds no
 * credentials an application still has.
 *
 * <p>Best effort by design: when the primary cannot be reached (after the SQL policy's retries) the
 * step is recorded as failed and the deprovision goes on. The roles live only in the cluster's
 * database, which is destroyed with the VMs and their disks next; stopping here would leave a
 * broken cluster running just to protect credentials nobody can reach it with.
 */
final class BindingRoleCleanup {

  static final String STEP = "drop binding roles";

  private static final Logger LOG = Workflow.getLogger(BindingRoleCleanup.class);

  private final PostgresSqlActivities sql =
      Workflow.newActivityStub(PostgresSqlActivities.class, ActivityPolicies.SQL);

  /** Skipped (no step) when provisioning never reached the VMs or nothing was bound. */
  void dropAll(StepRecorder recorder, DeprovisionInput input) {
    List<String> usernames =
        input.bindingUsernames() == null ? List.of() : input.bindingUsernames();
    Topology topology = input.topology();
    if (topology == null || usernames.isEmpty()) {
      LOG.info("cluster {}: no binding roles to drop", input.clusterId());
      return;
    }
    PostgresEndpoint primary =
        new PostgresEndpoint(
            topology.primary().address(),
            Topology.POSTGRES_PORT,
            input.secrets().superuserPassword());
    try {
      recorder.step(STEP, () -> usernames.forEach(username -> drop(primary, username)));
    } catch (ActivityFailure unreachable) {
      LOG.warn(
          "cluster {}: binding roles not dropped, going on since the database goes with the VMs: {}",
          input.clusterId(),
          StepRecorder.rootMessage(unreachable));
    }
  }

  private void drop(PostgresEndpoint primary, String username) {
    sql.dropBindingRole(
        new DropBindingRoleInput(
            primary, ApplicationDatabase.NAME, ApplicationDatabase.OWNER, username));
  }
}
