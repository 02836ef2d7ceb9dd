package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.operation.StepRecorder;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * WAL archiving on a newly promoted primary (docs/wal-archiving.md): {@code configureArchiving}
 * again, so it checks the stanza on its new timeline. Best effort: the promoted node archives with
 * the settings provisioning gave it anyway, so a failure here is logged and reported, never undoes
 * the failover. Runs only in histories recorded after it was added (change id {@value #CHANGE_ID}).
 */
public final class PromotedArchiving {

  static final String CHANGE_ID = "archive-after-promotion";

  private static final Logger LOG = Workflow.getLogger(PromotedArchiving.class);

  private PromotedArchiving() {}

  /**
   * @return "" when done or not applicable, else a clause for the operation's reason
   */
  public static String configure(StepRecorder recorder, String clusterId, String newPrimaryQueue) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) != 1) {
      return "";
    }
    ArchiveRepositoryActivities repository =
        Workflow.newActivityStub(ArchiveRepositoryActivities.class, ActivityPolicies.QUICK);
    PostgresHostActivities host =
        Workflow.newActivityStub(
            PostgresHostActivities.class, ActivityPolicies.onHost(newPrimaryQueue));
    try {
      Optional<ArchiveSettings> settings = repository.settingsFor(clusterId);
      if (settings.isEmpty()) {
        return "";
      }
      recorder.step(
          "configure archiving",
          () -> host.configureArchiving(ConfigureArchivingInput.async(settings.get())));
      return "";
    } catch (TemporalFailure failure) {
      if (failure instanceof CanceledFailure || failure.getCause() instanceof CanceledFailure) {
        throw failure;
      }
      String why =
          "archiving not re-checked on the new primary: " + StepRecorder.rootMessage(failure);
      LOG.warn(why);
      return "; " + why;
    }
  }
}
