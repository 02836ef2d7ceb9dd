package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import io.pgfleet.workflows.host.PgBackRestBackup;
import io.pgfleet.workflows.host.PgBackRestBackupInput;
import io.pgfleet.workflows.host.PgBackRestBackupType;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Copy-mode backups with real pgBackRest 2.45 into S3Proxy: a full, an incremental on it, a retry
 * that finds the finished backup, a node without archiving refused, and retention's expiry of a
 * set. In order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class BackupPgBackRestIT {

  private ArchivingTestCluster cluster;
  private PostgresHostActivitiesImpl primary;
  private PgBackRestBackup full;

  @BeforeAll
  void startArchivingPrimary() throws Exception {
    cluster = new ArchivingTestCluster();
    primary = new PostgresHostActivitiesImpl(cluster.primaryVm.env());
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
  void aNodeWithoutArchivingHasNoStanzaToBackUpInto() {
    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                primary.pgbackrestBackup(
                    new PgBackRestBackupInput("b-none", PgBackRestBackupType.FULL)));

    assertThat(refused.getType()).isEqualTo(FailureType.HOST_STATE_CONFLICT.name());
    assertThat(refused.getOriginalMessage()).contains("WAL archiving is not configured");
  }

  @Test
  @Order(2)
  void aFullBackupIsTakenIntoTheClusterStanzaAndAnnotated() throws Exception {
    primary.configureArchiving(ConfigureArchivingInput.async(cluster.settings));
    cluster.execute(cluster.primaryVm, "INSERT INTO events SELECT generate_series(1, 1000)");

    full = primary.pgbackrestBackup(new PgBackRestBackupInput("b-full", PgBackRestBackupType.FULL));

    assertThat(full.backupId()).isEqualTo("b-full");
    assertThat(full.label()).endsWith("F");
    assertThat(full.type()).isEqualTo("full");
    assertThat(full.priorLabel()).isNull();
    assertThat(full.timeline()).isEqualTo(1);
    assertThat(full.startWalFile()).startsWith("00000001");
    assertThat(full.stopWalFile()).isGreaterThanOrEqualTo(full.startWalFile());
    assertThat(full.startLsn()).contains("/");
    assertThat(full.stoppedAtMillis()).isGreaterThanOrEqualTo(full.startedAtMillis());
    assertThat(full.databaseSizeBytes()).isPositive();
    assertThat(full.repositorySizeBytes()).isPositive();
    JsonNode backup = cluster.pgBackRestInfo(cluster.primaryVm).get("backup").get(0);
    assertThat(backup.get("label").asText()).isEqualTo(full.label());
    assertThat(backup.get("annotation").get("pgfleet-backup-id").asText()).isEqualTo("b-full");
  }

  @Test
  @Order(3)
  void aRetriedBackupReturnsTheOneAlreadyTaken() throws Exception {
    PgBackRestBackup again =
        primary.pgbackrestBackup(new PgBackRestBackupInput("b-full", PgBackRestBackupType.FULL));

    assertThat(again).isEqualTo(full);
    assertThat(cluster.pgBackRestInfo(cluster.primaryVm).get("backup")).hasSize(1);
  }

  @Test
  @Order(4)
  void anIncrementalBuildsOnTheFullBackup() throws Exception {
    cluster.execute(cluster.primaryVm, "INSERT INTO events SELECT generate_series(1001, 2000)");

    PgBackRestBackup incr =
        primary.pgbackrestBackup(new PgBackRestBackupInput("b-incr", PgBackRestBackupType.INCR));

    assertThat(incr.type()).isEqualTo("incr");
    assertThat(incr.priorLabel()).isEqualTo(full.label());
    assertThat(incr.label()).startsWith(full.label() + "_").endsWith("I");
    assertThat(incr.startWalFile()).isGreaterThan(full.stopWalFile());
    assertThat(incr.repositorySizeBytes()).isLessThan(full.repositorySizeBytes());
  }

  @Test
  @Order(5)
  void expiringAFullSetRemovesItsIncrementalsButNoWal() throws Exception {
    PgBackRestBackup newer =
        primary.pgbackrestBackup(new PgBackRestBackupInput("b-full2", PgBackRestBackupType.FULL));
    String oldestWal = cluster.pgBackRestInfo(cluster.primaryVm).at("/archive/0/min").asText();

    assertThat(primary.expireBackupSet(full.label())).isTrue();

    JsonNode info = cluster.pgBackRestInfo(cluster.primaryVm);
    assertThat(info.get("backup")).hasSize(1);
    assertThat(info.get("backup").get(0).get("label").asText()).isEqualTo(newer.label());
    assertThat(info.at("/archive/0/min").asText()).isEqualTo(oldestWal);
    assertThat(primary.expireBackupSet(full.label())).as("already gone").isFalse();
  }
}
