package io.pgfleet.workflows.restore;

import static io.pgfleet.workflows.restore.RestoreFixture.COPY;
import static io.pgfleet.workflows.restore.RestoreFixture.FAILED;
import static io.pgfleet.workflows.restore.RestoreFixture.NEWER;
import static io.pgfleet.workflows.restore.RestoreFixture.OLDER;
import static io.pgfleet.workflows.restore.RestoreFixture.lsn;
import static io.pgfleet.workflows.restore.RestoreFixture.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.provision.ClusterFixture;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input the restore refuses up front fails with INVALID_INPUT naming the problem, and no
 * activity with a side effect ran: no PostgreSQL stopped, no instance or disk touched, no volume
 * made or deleted.
 */
class RestoreRejectionTest {

  private final RestoreCloud cloud = new RestoreCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  static Stream<Arguments> refused() {
    RecoveryTarget latest = RecoveryTarget.latest();
    return Stream.of(
        Arguments.of("unknown backup", RestoreFixture.inPlace(latest, "b-nope"), "has no backup"),
        Arguments.of("failed backup", RestoreFixture.inPlace(latest, FAILED), "cannot be restored"),
        Arguments.of("copy backup", RestoreFixture.inPlace(latest, COPY), "only snapshot backups"),
        Arguments.of(
            "time after the archive",
            RestoreFixture.inPlace(time("2026-11-21T13:00:00.001Z"), null),
            "after the newest archived WAL"),
        Arguments.of(
            "time before the named backup",
            RestoreFixture.inPlace(time("2026-11-21T11:59:59Z"), NEWER),
            "before backup b-newer becomes consistent"),
        Arguments.of(
            "time before every backup",
            RestoreFixture.inPlace(time("2026-11-21T09:00:00Z"), null),
            "no completed snapshot backup that ends at or before"),
        Arguments.of(
            "lsn after the archive",
            RestoreFixture.inPlace(lsn("0/C000001"), null),
            "after the newest archived WAL"),
        Arguments.of(
            "lsn before the named backup",
            RestoreFixture.inPlace(lsn("0/9000000"), NEWER),
            "before backup b-newer becomes consistent"),
        Arguments.of(
            "time without zone",
            RestoreFixture.inPlace(time("2026-11-21T12:30:00"), null),
            "not an ISO-8601 time with zone"),
        Arguments.of(
            "malformed lsn", RestoreFixture.inPlace(lsn("5000028"), OLDER), "not a WAL position"),
        Arguments.of(
            "malformed xid",
            RestoreFixture.inPlace(new RecoveryTarget(RecoveryTargetKind.XID, "12a"), null),
            "not a transaction id"),
        Arguments.of("no target", RestoreFixture.inPlace(null, null), "needs a recovery target"),
        Arguments.of(
            "another cluster's backup in place",
            withSource(RestoreFixture.inPlace(latest, null), RestoreFixture.SOURCE_ID),
            "in-place restore"),
        Arguments.of(
            "no standby",
            withTopology(
                RestoreFixture.inPlace(latest, null),
                new Topology(
                    ClusterFixture.DEPLOYMENT, List.of(ClusterFixture.topology().primary()))),
            "exactly one STANDBY"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void isRefusedWithNothingChanged(String what, RestoreInput input, String message) {
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> cloud.run("restore-refused", input));

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
    assertThat(failure.getOriginalMessage()).startsWith("validate failed:").contains(message);
    OperationView view = failure.getDetails().get(OperationView.class);
    assertThat(view.state()).isEqualTo(OperationState.FAILED);
    assertThat(view.error()).contains("nothing was changed");
    verifyNoSideEffects();
  }

  private void verifyNoSideEffects() {
    verifyNoInteractions(cloud.primary, cloud.standby);
    cloud.pgpools.forEach(p -> verifyNoInteractions(p));
    verify(cloud.bosh, never()).changeInstanceState(any());
    verify(cloud.bosh, never()).attachDisk(any());
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
    verify(cloud.iaas, never()).createVolumeFromSnapshot(any());
    verify(cloud.iaas, never()).deleteVolume(anyString());
  }

  private static RestoreInput withSource(RestoreInput in, String source) {
    return new RestoreInput(
        in.clusterId(),
        in.operationId(),
        in.topology(),
        source,
        in.backupId(),
        in.target(),
        in.mode(),
        in.secrets(),
        in.postgresParameters());
  }

  private static RestoreInput withTopology(RestoreInput in, Topology topology) {
    return new RestoreInput(
        in.clusterId(),
        in.operationId(),
        topology,
        in.sourceClusterId(),
        in.backupId(),
        in.target(),
        in.mode(),
        in.secrets(),
        in.postgresParameters());
  }
}
