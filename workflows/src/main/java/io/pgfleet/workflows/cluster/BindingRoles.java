package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.StepRecorder;
import io.pgfleet.workflows.postgres.BindingRoleInput;
import io.pgfleet.workflows.postgres.DropBindingRoleInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.stream.Stream;

/**
 * Bind and unbind, run by the cluster workflow itself (one SQL statement each, no child needed) and
 * recorded as single-step operations so the audit view shows them.
 */
final class BindingRoles {

  private final ClusterEntity cluster;
  private final PostgresSqlActivities sql =
      Workflow.newActivityStub(PostgresSqlActivities.class, ActivityPolicies.SQL);

  BindingRoles(ClusterEntity cluster) {
    this.cluster = cluster;
  }

  /** Creates the binding's role, or answers with the existing binding's credentials. */
  BindingCredentials bind(String bindingId) {
    BindingRecord existing = cluster.bindings.get(bindingId);
    if (existing != null) {
      return ConnectionStrings.credentials(cluster.topology, existing);
    }
    String username = BindingNames.username(bindingId);
    refuseSharedRole(bindingId, username);
    BindingRecord binding = new BindingRecord(bindingId, username, Secrets.password());
    BindingRoleInput input =
        new BindingRoleInput(
            primary(),
            ApplicationDatabase.NAME,
            ApplicationDatabase.OWNER,
            username,
            binding.password());
    recorded(
        bindingId,
        OperationType.BIND,
        "create role " + username + " for binding " + bindingId,
        () -> {
          sql.ensureBindingRole(input);
          cluster.bindings.put(bindingId, binding);
        });
    return ConnectionStrings.credentials(cluster.topology, binding);
  }

  void unbind(String bindingId) {
    BindingRecord binding = cluster.bindings.get(bindingId);
    DropBindingRoleInput input =
        new DropBindingRoleInput(
            primary(), ApplicationDatabase.NAME, ApplicationDatabase.OWNER, binding.username());
    recorded(
        bindingId,
        OperationType.UNBIND,
        "drop role " + binding.username() + " of binding " + bindingId,
        () -> {
          sql.dropBindingRole(input);
          cluster.bindings.remove(bindingId);
        });
  }

  /** Runs one step as an operation of its own; a failure fails the Update with its reason. */
  private void recorded(String bindingId, OperationType type, String step, Functions.Proc body) {
    StepRecorder recorder =
        new StepRecorder(Workflow.randomUUID().toString(), cluster.clusterId, type);
    cluster.bindingWork.put(bindingId, type);
    cluster.operations.started(recorder);
    try {
      recorder.step(step, body);
      recorder.succeeded();
    } catch (TemporalFailure failure) {
      recorder.failed(StepRecorder.rootMessage(failure));
      throw failure;
    } finally {
      cluster.bindingWork.remove(bindingId);
      cluster.operations.finished(recorder);
    }
  }

  /**
   * Two binding ids that fold to one role name must not share it: unbinding one would drop both.
   */
  private void refuseSharedRole(String bindingId, String username) {
    Stream<String> others =
        Stream.concat(
            cluster.bindings.keySet().stream(),
            cluster.bindingWork.keySet().stream().filter(id -> !id.equals(bindingId)));
    others
        .filter(other -> BindingNames.username(other).equals(username))
        .findFirst()
        .ifPresent(
            other -> {
              throw ApplicationFailure.newNonRetryableFailure(
                  "conflict: binding id "
                      + bindingId
                      + " maps to role "
                      + username
                      + ", which binding "
                      + other
                      + " uses",
                  FailureType.INVALID_INPUT.name());
            });
  }

  private PostgresEndpoint primary() {
    return new PostgresEndpoint(
        cluster.topology.primary().address(),
        Topology.POSTGRES_PORT,
        cluster.secrets.superuserPassword());
  }
}
