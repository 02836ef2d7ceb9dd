package io.pgfleet.workflows.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.verifyNoInteractions;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inputs no retry can fix fail the workflow at once, before any activity runs. */
class BackupInputTest {

  private final BackupCloud cloud = new BackupCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  private ApplicationFailure failureOf(String workflowId, BackupInput input) {
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> cloud.stub(workflowId).backup(input));
    assertThat(failed).isNotNull();
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertThat(cause.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    return cause;
  }

  @Test
  void aBackupIdThatCannotNameAnObjectIsRefused() {
    BackupInput input =
        new BackupInput(
            ClusterFixture.CLUSTER_ID, "op-9", "../x", ClusterFixture.topology(), null, null);

    assertThat(failureOf("backup-bad-id", input).getOriginalMessage())
        .startsWith("backup id '../x' is not usable");
    verifyNoInteractions(cloud.primary, cloud.catalog, cloud.iaas);
  }

  @Test
  void aTopologyWithoutPrimaryIsRefused() {
    Topology noPrimary =
        new Topology(ClusterFixture.DEPLOYMENT, List.of(ClusterFixture.topology().standby()));
    BackupInput input =
        new BackupInput(ClusterFixture.CLUSTER_ID, "op-9", "b-1", noPrimary, null, null);

    assertThat(failureOf("backup-no-primary", input).getOriginalMessage())
        .startsWith("cluster c-7f3a has no known primary to back up");
    verifyNoInteractions(cloud.primary, cloud.catalog, cloud.iaas);
  }
}
