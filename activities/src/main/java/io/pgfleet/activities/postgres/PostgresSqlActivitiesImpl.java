package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.postgres.ApplicationDatabaseInput;
import io.pgfleet.workflows.postgres.BindingRoleInput;
import io.pgfleet.workflows.postgres.DropBindingRoleInput;
import io.pgfleet.workflows.postgres.NodeProbe;
import io.pgfleet.workflows.postgres.PostgresSqlActivities;
import io.pgfleet.workflows.postgres.ProbeInput;
import io.pgfleet.workflows.postgres.ReplicationCheck;
import io.pgfleet.workflows.postgres.ShowSettingsInput;
import io.pgfleet.workflows.postgres.VerifyReplicationInput;
import java.util.Map;

/**
 * {@link PostgresSqlActivities} over JDBC, run by the control-plane worker. Every method connects
 * as the superuser, checks before it creates, and fails with INVALID_INPUT (non-retryable) for
 * names or statements that can never succeed, HOST_STATE_CONFLICT for a node or role that is not
 * what the input says (a "standby" that is a primary, a privileged role under a binding's name),
 * and retryable HOST_COMMAND_FAILED (naming host:port) for everything else.
 */
public final class PostgresSqlActivitiesImpl implements PostgresSqlActivities {

  private final ApplicationDatabases databases;
  private final BindingRoles bindings;
  private final ReplicationVerifier verifier;
  private final NodeProber prober = new NodeProber();
  private final SettingsReader settings;

  public PostgresSqlActivitiesImpl() {
    SqlConnector connector = new SqlConnector();
    this.databases = new ApplicationDatabases(connector);
    this.bindings = new BindingRoles(connector);
    this.verifier = new ReplicationVerifier(connector);
    this.settings = new SettingsReader(connector);
  }

  @Override
  public void ensureApplicationDatabase(ApplicationDatabaseInput input) {
    databases.ensure(input);
  }

  @Override
  public void ensureBindingRole(BindingRoleInput input) {
    bindings.ensure(input);
  }

  @Override
  public void dropBindingRole(DropBindingRoleInput input) {
    bindings.drop(input);
  }

  @Override
  public ReplicationCheck verifyReplication(VerifyReplicationInput input) {
    return verifier.verify(input);
  }

  @Override
  public NodeProbe probe(ProbeInput input) {
    return prober.probe(input);
  }

  @Override
  public Map<String, String> showSettings(ShowSettingsInput input) {
    return settings.show(input);
  }
}
