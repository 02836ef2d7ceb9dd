package io.pgfleet.workflows.postgres;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * SQL the control plane runs against a cluster, as the superuser over the network. Every method is
 * idempotent (IF NOT EXISTS semantics): a retried call leaves the same state.
 */
@ActivityInterface
public interface PostgresSqlActivities {

  /** The application database and its owning NOLOGIN role, shared by all bindings. */
  @ActivityMethod(name = "PostgresSql.ensureApplicationDatabase")
  void ensureApplicationDatabase(ApplicationDatabaseInput input);

  /** A LOGIN role for one binding that acts as the owning role; password reset if it exists. */
  @ActivityMethod(name = "PostgresSql.ensureBindingRole")
  void ensureBindingRole(BindingRoleInput input);

  /** Drops a binding's role; objects it owns go to the owning role. Missing role = success. */
  @ActivityMethod(name = "PostgresSql.dropBindingRole")
  void dropBindingRole(DropBindingRoleInput input);

  /**
   * Writes a marker row through every pgpool and waits until the standby has replayed each; fails
   * (retryable) naming the pgpool or standby that did not.
   */
  @ActivityMethod(name = "PostgresSql.verifyReplication")
  ReplicationCheck verifyReplication(VerifyReplicationInput input);

  /**
   * The control plane's own look at a node: does it answer, is it in recovery, on which timeline.
   * Never fails for an unreachable node: that is the answer ({@code reachable=false}).
   */
  @ActivityMethod(name = "PostgresSql.probe")
  NodeProbe probe(ProbeInput input);

  /**
   * What the running server uses for each named setting, as SHOW prints it (e.g. "8MB"); a name the
   * server does not know maps to null. Read-only, so any node will do.
   */
  @ActivityMethod(name = "PostgresSql.showSettings")
  Map<String, String> showSettings(ShowSettingsInput input);
}
