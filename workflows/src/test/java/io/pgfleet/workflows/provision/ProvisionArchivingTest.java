package io.pgfleet.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepView;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Provisioning configures WAL archiving on both nodes when the worker has a repository. */
class ProvisionArchivingTest {

  static final ArchiveSettings REPOSITORY =
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

  private final MockedCloud cloud = new MockedCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void configuresThePrimaryAfterBootstrapThenTheStandbyBeforeItsBaseBackup() {
    when(cloud.archiveRepository.settingsFor(ClusterFixture.CLUSTER_ID))
        .thenReturn(Optional.of(REPOSITORY));

    ProvisionResult result =
        cloud.provisionStub("provision-archiving").provision(ClusterFixture.provisionInput());

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    InOrder order = inOrder(cloud.primaryHost, cloud.standbyHost);
    order.verify(cloud.primaryHost).bootstrapPrimary(any());
    order.verify(cloud.primaryHost).configureArchiving(ConfigureArchivingInput.async(REPOSITORY));
    order.verify(cloud.standbyHost).configureArchiving(ConfigureArchivingInput.async(REPOSITORY));
    order.verify(cloud.standbyHost).buildStandby(any());
  }

  @Test
  void withoutARepositoryTheClusterIsProvisionedWithoutArchiving() {
    ProvisionResult result =
        cloud.provisionStub("provision-no-archive").provision(ClusterFixture.provisionInput());

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().steps())
        .extracting(StepView::name)
        .contains("configure archiving");
    verify(cloud.primaryHost, never()).configureArchiving(any());
    verify(cloud.standbyHost, never()).configureArchiving(any());
  }

  @Test
  void aRefusedArchiveFailsTheProvisionAndRollsItBack() {
    when(cloud.archiveRepository.settingsFor(any())).thenReturn(Optional.of(REPOSITORY));
    when(cloud.primaryHost.configureArchiving(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "stanza c-7f3a belongs to another database system",
                FailureType.HOST_STATE_CONFLICT.name()));

    OperationView view =
        FailedOperation.viewOf(
            () ->
                cloud
                    .provisionStub("provision-archive-refused")
                    .provision(ClusterFixture.provisionInput()));

    assertThat(view.error())
        .isEqualTo("configure archiving failed: stanza c-7f3a belongs to another database system");
    verify(cloud.standbyHost, never()).buildStandby(any());
    verify(cloud.bosh).deleteDeployment(any());
  }
}
