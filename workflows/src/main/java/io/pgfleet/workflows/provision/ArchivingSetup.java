package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.backup.ArchiveRepositoryActivities;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Provisioning's WAL archiving step: the primary first (it creates the stanza and checks the
 * archive), then the still empty standby, which keeps the settings for its base backup so it starts
 * with archiving configured (see docs/wal-archiving.md). A worker without a backup repository
 * provisions without archiving and says so in its log.
 */
final class ArchivingSetup {

  /** Marker of provision histories that configure archiving; older ones skip the step. */
  static final String CHANGE_ID = "configure-archiving";

  private final Logger log = Workflow.getLogger(ArchivingSetup.class);

  private final ArchiveRepositoryActivities repository =
      Workflow.newActivityStub(ArchiveRepositoryActivities.class, ActivityPolicies.QUICK);

  /** Whether this run configures archiving: false only when replaying an older history. */
  static boolean applies() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** The settings the nodes were given, or empty when archiving was skipped. */
  Optional<ArchiveSettings> configure(
      String clusterId, PostgresHostActivities primary, PostgresHostActivities standby) {
    Optional<ArchiveSettings> settings = repository.settingsFor(clusterId);
    if (settings.isEmpty()) {
      log.warn(
          "cluster {} is provisioned WITHOUT WAL archiving: the control-plane worker has no backup"
              + " repository (pgfleet.backup.repository.*); backups and point-in-time restore"
              + " will be refused",
          clusterId);
      return settings;
    }
    ConfigureArchivingInput input = ConfigureArchivingInput.async(settings.get());
    primary.configureArchiving(input);
    standby.configureArchiving(input);
    return settings;
  }
}
