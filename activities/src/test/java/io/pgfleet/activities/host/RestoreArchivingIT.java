package io.pgfleet.activities.host;

import static io.pgfleet.activities.host.ArchivingTestCluster.archivedAtLeast;
import static io.pgfleet.activities.host.ArchivingTestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.host.RestoreTestSupport.Commit;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.host.RecoveryOutcome;
import io.pgfleet.workflows.host.RecoveryTarget;
import io.pgfleet.workflows.host.RecoveryTargetKind;
import io.pgfleet.workflows.host.StopPostgresInput;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where a restored server archives, with real PostgreSQL 15, pgBackRest 2.45 and S3Proxy: restored
 * into another cluster's node it holds its WAL until configureArchiving names that cluster's stanza
 * (made for another database system), and nothing reaches the source's stanza; restored in place it
 * archives its new timeline into the same stanza, and a later restore of the original backup
 * follows that timeline. In order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class RestoreArchivingIT {

  private RestoreFixture fixture;
  private ArchivingTestCluster cluster;

  @BeforeAll
  void backUpThenCommitOneByOne() throws Exception {
    fixture = new RestoreFixture();
    cluster = fixture.cluster;
  }

  @AfterAll
  void stopEverything() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void anotherClustersNodeHoldsItsWalUntilItsOwnStanzaIsConfigured() throws Exception {
    String otherId = "it-other-" + UUID.randomUUID().toString().substring(0, 8);
    ArchiveSettings other = cluster.s3.settings(otherId);
    TestVm vm = fixture.restoreVm("vmb", "postgres_0", 5);
    PostgresHostActivitiesImpl node = new PostgresHostActivitiesImpl(vm.env());
    node.bootstrapPrimary(
        new BootstrapPrimaryInput(otherId, freshCredentials(), Map.of(), List.of()));
    node.configureArchiving(ConfigureArchivingInput.async(other));
    node.stop(StopPostgresInput.fast());
    RestoreTestSupport.replaceDisk(vm, fixture.backup);
    node.prepareRestore(
        fixture.input(new RecoveryTarget(RecoveryTargetKind.NAME, RestoreFixture.RESTORE_POINT)));
    RecoveryOutcome outcome = node.awaitRecovery();
    cluster.execute(vm, "INSERT INTO events VALUES (100)");
    String wal = node.switchWal();
    String heldCommand = cluster.query(vm, "SELECT current_setting('archive_command')");
    ArchiveStatus holding = node.archiveStatus();

    ArchiveStatus configured = node.configureArchiving(ConfigureArchivingInput.async(other));
    await(node, "archived " + wal, archivedAtLeast(wal));
    ArchiveStatus again = node.configureArchiving(ConfigureArchivingInput.async(other));

    assertThat(outcome.timeline()).isEqualTo(2);
    fixture.assertRows(
        vm, Stream.concat(RestoreFixture.range(1, 9).stream(), Stream.of(100)).toList());
    assertThat(heldCommand).isEqualTo(ArchivePgSettings.HELD_COMMAND);
    assertThat(holding.archivedCount()).isZero();
    assertThat(holding.pendingSegments()).isGreaterThanOrEqualTo(2); // history file and segments
    assertThat(configured.stanza()).isEqualTo(otherId);
    assertThat(configured.repositoryChecked()).isTrue();
    assertThat(again.repositoryChecked()).isTrue();
    // stanza-upgrade: the restored system's WAL goes beside the initdb system's, under 15-2
    assertThat(keys(otherId))
        .contains("15-2/00000002.history")
        .anyMatch(key -> key.startsWith("15-2/0000000200000000/" + wal + "-"));
    assertThat(keys(cluster.clusterId)).noneMatch(key -> key.contains("/00000002"));
  }

  @Test
  @Order(2)
  void aNewTimelineArchivedInPlaceIsFollowedByALaterRestore() throws Exception {
    fixture.primary.stop(StopPostgresInput.fast()); // the old primary is gone, as after a failure
    TestVm inPlaceVm = fixture.restoreVm("vmr", "postgres_1", 6);
    PostgresHostActivitiesImpl inPlace = new PostgresHostActivitiesImpl(inPlaceVm.env());
    inPlace.configureArchiving(ConfigureArchivingInput.async(cluster.settings));
    RestoreTestSupport.replaceDisk(inPlaceVm, fixture.backup);
    inPlace.prepareRestore(fixture.input(RecoveryTarget.latest()));
    RecoveryOutcome promoted = inPlace.awaitRecovery();
    List<Commit> later;
    try (Connection c = cluster.superuser(inPlaceVm)) {
      later = RestoreTestSupport.commit(c, 21, 22, 23, 24, 25);
    }
    String wal = inPlace.switchWal();
    await(inPlace, "archived " + wal, archivedAtLeast(wal));
    TestVm laterVm = fixture.restoreVm("vmx", "postgres_0", 4);
    PostgresHostActivitiesImpl laterCopy = new PostgresHostActivitiesImpl(laterVm.env());
    RestoreTestSupport.replaceDisk(laterVm, fixture.backup);

    laterCopy.prepareRestore(
        fixture.input(new RecoveryTarget(RecoveryTargetKind.LSN, later.get(2).lsn())));
    RecoveryOutcome outcome = laterCopy.awaitRecovery();

    assertThat(promoted.timeline()).isEqualTo(2);
    assertThat(keys(cluster.clusterId)).contains("15-1/00000002.history");
    assertThat(outcome.timeline()).isEqualTo(3);
    List<Integer> expected = new ArrayList<>(RestoreFixture.range(1, 12));
    expected.addAll(List.of(21, 22, 23));
    fixture.assertRows(laterVm, expected);
  }

  private static PostgresCredentials freshCredentials() {
    return new PostgresCredentials(
        UUID.randomUUID().toString(), "replicator", UUID.randomUUID().toString());
  }

  /** Object keys of a stanza's WAL archive, as S3 lists them. */
  private List<String> keys(String clusterId) {
    String prefix = clusterId + "/archive/" + clusterId + "/";
    try (S3Client client = cluster.s3.client()) {
      return client
          .listObjectsV2Paginator(b -> b.bucket(TestS3Proxy.BUCKET).prefix(prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .map(key -> key.substring(prefix.length()))
          .toList();
    }
  }
}
