package io.pgfleet.activities.host;

import static io.pgfleet.activities.host.ArchivingTestCluster.archivedAtLeast;
import static io.pgfleet.activities.host.ArchivingTestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.activities.backup.S3BackupCatalog;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.backup.ArchiveCoverage;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.StopPostgresInput;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real PostgreSQL 15, pgBackRest 2.45 and S3Proxy (https, own CA): archiving on a primary, a
 * refused key and the recovery from it, a standby that inherits the configuration and archives on
 * timeline 2 to the same stanza after promotion. The tests build on each other in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ArchivingIT {

  private static final long SEGMENT_BYTES = 16L * 1024 * 1024;

  private ArchivingTestCluster cluster;
  private PostgresHostActivitiesImpl primary;
  private PostgresHostActivitiesImpl standby;

  @BeforeAll
  void startPrimaryAndObjectStore() throws Exception {
    cluster = new ArchivingTestCluster();
    primary = new PostgresHostActivitiesImpl(cluster.primaryVm.env());
    standby = new PostgresHostActivitiesImpl(cluster.standbyVm.env());
    primary.bootstrapPrimary(cluster.bootstrapInput());
    cluster.execute(cluster.primaryVm, "CREATE TABLE events (id bigint PRIMARY KEY)");
  }

  @AfterAll
  void stopEverything() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void archivesTheSwitchedSegmentOfAPrimaryIntoTheClusterStanza() throws Exception {
    long bootstrapPid = cluster.primaryVm.recordedPid(HostLayout.POSTGRES).orElseThrow();

    ArchiveStatus configured =
        primary.configureArchiving(ConfigureArchivingInput.async(cluster.settings));
    cluster.execute(cluster.primaryVm, "INSERT INTO events VALUES (1)");
    String wal = primary.switchWal();
    ArchiveStatus archived = await(primary, "archived " + wal, archivedAtLeast(wal));

    assertThat(configured.stanza()).isEqualTo(cluster.clusterId);
    assertThat(configured.configured()).isTrue();
    assertThat(configured.archiveMode()).isEqualTo("on");
    assertThat(configured.archiving()).isTrue();
    assertThat(configured.repositoryChecked()).isTrue();
    // archive_mode only takes effect at server start
    assertThat(cluster.primaryVm.recordedPid(HostLayout.POSTGRES)).isNotEqualTo(bootstrapPid);
    assertThat(wal).startsWith("00000001");
    assertThat(cluster.archivedKeys())
        .anyMatch(key -> key.startsWith("15-1/0000000100000000/" + wal + "-"));
    assertThat(archived.failing()).isFalse();
    assertThat(archived.archivedCount()).isGreaterThanOrEqualTo(2); // check's segment, then ours
    assertThat(archived.lastArchivedAtMillis()).isNotNull();
    assertThat(archived.lagBytes()).isNotNull().isBetween(0L, SEGMENT_BYTES);
    assertThat(cluster.query(cluster.primaryVm, "SHOW restore_command"))
        .contains(" archive-get %f ");
    Path conf = new PgBackRestFiles(cluster.primaryVm.layout()).config();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)))
        .isEqualTo("rw-------");
    if (HostUsers.agentIsRoot()) {
      assertThat(Files.getOwner(conf).getName()).isEqualTo(TestVm.SERVICE_USER);
    }
  }

  @Test
  @Order(2)
  void configuringAgainChangesNothing() throws Exception {
    long pid = cluster.primaryVm.recordedPid(HostLayout.POSTGRES).orElseThrow();
    String walBefore =
        cluster.query(cluster.primaryVm, "SELECT pg_walfile_name(pg_current_wal_lsn())");

    ArchiveStatus again =
        primary.configureArchiving(ConfigureArchivingInput.async(cluster.settings));

    assertThat(cluster.primaryVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);
    assertThat(again.repositoryChecked()).isTrue();
    // no second pgbackrest check, so no forced WAL switch
    assertThat(cluster.query(cluster.primaryVm, "SELECT pg_walfile_name(pg_current_wal_lsn())"))
        .isEqualTo(walBefore);
  }

  @Test
  @Order(3)
  void aRefusedKeyShowsAsArchiveFailuresUntilTheRightKeyIsBack() throws Exception {
    long pid = cluster.primaryVm.recordedPid(HostLayout.POSTGRES).orElseThrow();
    long failedBefore = primary.archiveStatus().failedCount();

    assertThatThrownBy(
            () ->
                primary.configureArchiving(
                    ConfigureArchivingInput.async(
                        cluster.settings.withKeys(cluster.s3.accessKey, "not-the-secret"))))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            e ->
                assertThat(((ApplicationFailure) e).getType())
                    .isEqualTo(FailureType.HOST_COMMAND_FAILED.name()))
        .hasMessageContaining("stanza-create")
        .hasMessageNotContaining("not-the-secret");
    cluster.execute(cluster.primaryVm, "INSERT INTO events VALUES (2)");
    String wal = primary.switchWal();
    ArchiveStatus failing =
        await(primary, "failure of " + wal, s -> s.failing() && wal.equals(s.lastFailedWal()));

    ArchiveStatus fixed =
        primary.configureArchiving(ConfigureArchivingInput.async(cluster.settings));
    ArchiveStatus recovered =
        await(primary, "recovery", archivedAtLeast(wal).and(s -> s.pendingSegments() == 0));

    assertThat(failing.failedCount()).isGreaterThan(failedBefore);
    assertThat(failing.lastFailedAtMillis()).isNotNull();
    assertThat(failing.pendingSegments()).isGreaterThanOrEqualTo(1);
    assertThat(failing.oldestPendingSeconds()).isNotNull();
    assertThat(fixed.repositoryChecked()).isTrue();
    assertThat(recovered.failing()).isFalse();
    assertThat(cluster.archivedKeys()).anyMatch(key -> key.contains("/" + wal + "-"));
    // keys and commands are reloadable: no restart for either change
    assertThat(cluster.primaryVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);
  }

  @Test
  @Order(4)
  void aStandbyBuiltFromThePrimaryKeepsArchivingAndArchivesOnTimeline2OncePromoted()
      throws Exception {
    standby.buildStandby(cluster.standbyInput());
    String ownConfig = new PgBackRestFiles(cluster.standbyVm.layout()).config().toString();
    ArchiveStatus inherited = standby.archiveStatus();
    long pid = cluster.standbyVm.recordedPid(HostLayout.POSTGRES).orElseThrow();
    ArchiveStatus configured =
        standby.configureArchiving(ConfigureArchivingInput.async(cluster.settings));

    assertThat(cluster.query(cluster.standbyVm, "SHOW archive_mode")).isEqualTo("on");
    assertThat(cluster.query(cluster.standbyVm, "SHOW archive_command"))
        .contains("--config=" + ownConfig);
    assertThat(cluster.query(cluster.standbyVm, "SHOW restore_command"))
        .contains("--config=" + ownConfig);
    assertThat(inherited.stanza()).isEqualTo(cluster.clusterId);
    assertThat(inherited.configured()).isFalse(); // the keys never travel with a base backup
    assertThat(configured.configured()).isTrue();
    assertThat(configured.archiving()).isFalse(); // archive_mode=on: a standby does not archive
    assertThat(configured.repositoryChecked()).isFalse();
    assertThat(cluster.standbyVm.recordedPid(HostLayout.POSTGRES)).hasValue(pid);

    cluster.execute(cluster.primaryVm, "INSERT INTO events SELECT generate_series(3, 100)");
    String lastOnTimeline1 = primary.switchWal();
    await(primary, "archived " + lastOnTimeline1, archivedAtLeast(lastOnTimeline1));
    awaitRows(cluster.standbyVm, 100);
    primary.stop(StopPostgresInput.fast()); // what failover does before it promotes
    assertThat(cluster.query(cluster.standbyVm, "SELECT pg_promote(true, 60)")).isEqualTo("t");
    cluster.execute(cluster.standbyVm, "INSERT INTO events VALUES (101)");
    String wal = standby.switchWal();
    ArchiveStatus promoted = await(standby, "archived " + wal, archivedAtLeast(wal));
    ArchiveStatus rechecked =
        standby.configureArchiving(ConfigureArchivingInput.async(cluster.settings));

    assertThat(wal).startsWith("00000002");
    assertThat(promoted.archiving()).isTrue();
    assertThat(cluster.archivedKeys())
        .contains("15-1/00000002.history")
        .anyMatch(key -> key.startsWith("15-1/0000000100000000/") && key.contains(".partial-"))
        .anyMatch(key -> key.startsWith("15-1/0000000100000000/" + lastOnTimeline1 + "-"))
        .anyMatch(key -> key.startsWith("15-1/0000000200000000/" + wal + "-"));
    JsonNode archive = cluster.pgBackRestInfo(cluster.standbyVm).get("archive").get(0);
    assertThat(archive.get("min").asText()).startsWith("00000001");
    assertThat(archive.get("max").asText()).startsWith("00000002");
    assertThat(rechecked.repositoryChecked()).isTrue();
    try (S3BackupCatalog catalog = new S3BackupCatalog(cluster.settings)) {
      // the catalog's reading of pgBackRest's layout agrees with pgBackRest itself
      ArchiveCoverage coverage = catalog.archiveCoverage(cluster.clusterId);
      assertThat(coverage.timelines()).containsExactly(1, 2);
      assertThat(coverage.oldestWalFile()).isEqualTo(archive.get("min").asText());
      assertThat(coverage.newestWalFile()).isEqualTo(archive.get("max").asText());
      assertThat(coverage.newestArchivedAtMillis()).isNotNull();
    }
  }

  private void awaitRows(TestVm vm, int rows) throws Exception {
    long deadline = System.currentTimeMillis() + ArchivingTestCluster.ARCHIVE_WAIT_MILLIS;
    while (!String.valueOf(rows).equals(cluster.query(vm, "SELECT count(*) FROM events"))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("standby did not replay " + rows + " rows");
      }
      Thread.sleep(50);
    }
  }
}
