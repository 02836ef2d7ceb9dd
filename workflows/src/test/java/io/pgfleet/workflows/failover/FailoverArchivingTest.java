package io.pgfleet.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After a promotion the new primary configures archiving again (a check on its new timeline). */
class FailoverArchivingTest {

  private static final ArchiveSettings SETTINGS =
      new ArchiveSettings(
              null,
              "s3.example.test",
              443,
              "pgfleet-backups",
              "eu-central-1",
              "access",
              "secret",
              null,
              true,
              null,
              ArchiveSettings.UriStyle.PATH)
          .forCluster(ClusterFixture.CLUSTER_ID);

  private final FailoverCloud cloud = new FailoverCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void theNewPrimaryConfiguresArchivingAfterTheRebuild() {
    when(cloud.archiveRepository.settingsFor(ClusterFixture.CLUSTER_ID))
        .thenReturn(Optional.of(SETTINGS));

    FailoverResult result = cloud.run("failover-archiving");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .endsWith("rebuild redundancy", "configure archiving");
    verify(cloud.standbyHost).configureArchiving(ConfigureArchivingInput.async(SETTINGS));
    verify(cloud.primaryHost, never()).configureArchiving(any());
  }

  @Test
  void aFailedArchivingCheckLeavesTheFailoverDoneAndSaysSo() {
    when(cloud.archiveRepository.settingsFor(any())).thenReturn(Optional.of(SETTINGS));
    when(cloud.standbyHost.configureArchiving(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "stanza belongs to another database system",
                FailureType.HOST_STATE_CONFLICT.name()));

    FailoverResult result = cloud.run("failover-archiving-failed");

    assertThat(result.outcome()).isEqualTo(FailoverOutcome.FAILED_OVER);
    assertThat(result.reason())
        .endsWith(
            "; archiving not re-checked on the new primary:"
                + " stanza belongs to another database system");
    assertThat(result.operation().steps())
        .filteredOn(s -> s.name().equals("configure archiving"))
        .extracting(StepView::state)
        .containsExactly(OperationState.FAILED);
  }
}
