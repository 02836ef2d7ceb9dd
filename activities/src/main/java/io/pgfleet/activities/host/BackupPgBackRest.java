package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.PgBackRestBackup;
import io.pgfleet.workflows.host.PgBackRestBackupInput;
import io.pgfleet.workflows.host.PgBackRestBackupType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * pgbackrestBackup: a pgBackRest backup of this primary into the stanza WAL archiving configured,
 * annotated with the backup id, so a retry finds a backup an earlier attempt finished.
 */
final class BackupPgBackRest {

  /** The annotation key naming pgfleet's backup id on the pgBackRest backup set. */
  static final String ANNOTATION = "pgfleet-backup-id";

  /** A full copy of a large database at ~100 MB/s; the workflow's timeout is a little longer. */
  static final Duration BACKUP_TIMEOUT = Duration.ofHours(6);

  /** Reading backup.info and archive.info: a few small requests. */
  static final Duration INFO_TIMEOUT = Duration.ofMinutes(2);

  /** Parallel copy and compression: the VM keeps CPU for the database (archive-push uses 2). */
  static final int PROCESS_MAX = 2;

  private final PostgresNode node;
  private final PgBackRestFiles files;

  BackupPgBackRest(PostgresNode node, PgBackRestFiles files) {
    this.node = node;
    this.files = files;
  }

  PgBackRestBackup run(PgBackRestBackupInput input) {
    if (input == null) {
      throw InputChecks.invalid("pgbackrestBackup needs a backup id");
    }
    String id = InputChecks.required(input.backupId(), "backup id");
    PgBackRestBackupType type = input.type() == null ? PgBackRestBackupType.FULL : input.type();
    requirePrimary();
    String stanza = stanza("a pgBackRest backup");
    Optional<PgBackRestBackup> done = find(stanza, id);
    if (done.isPresent()) {
      return done.get();
    }
    // --start-fast: an immediate checkpoint instead of waiting for the next scheduled one.
    node.runner()
        .run(
            command(
                BACKUP_TIMEOUT,
                stanza,
                "--type=" + type.option(),
                "--start-fast",
                "--process-max=" + PROCESS_MAX,
                "--annotation=" + ANNOTATION + "=" + id,
                "backup"));
    return find(stanza, id)
        .orElseThrow(
            () ->
                node.conflict(
                    "pgbackrest backup of stanza "
                        + stanza
                        + " succeeded but info lists no backup annotated "
                        + ANNOTATION
                        + "="
                        + id));
  }

  /**
   * expireBackupSet: removes one set (and the incrementals built on it) from the stanza; a set the
   * repository no longer lists was removed by an earlier attempt. WAL is untouched: pgfleet sets no
   * pgBackRest retention, so expire prunes no archive (retention prunes WAL itself).
   */
  boolean expire(String label) {
    InputChecks.required(label, "backup set label");
    String stanza = stanza("expiring a pgBackRest set");
    if (!BackupPgBackRestInfo.labels(info(stanza)).contains(label)) {
      return false;
    }
    node.runner().run(command(INFO_TIMEOUT, stanza, "--set=" + label, "expire"));
    return true;
  }

  private Optional<PgBackRestBackup> find(String stanza, String id) {
    return BackupPgBackRestInfo.find(info(stanza), ANNOTATION, id);
  }

  /** {@code pgbackrest info --output=json} of the stanza. */
  private String info(String stanza) {
    return node.runner().run(command(INFO_TIMEOUT, stanza, "--output=json", "info")).output();
  }

  /** The stanza this node archives to; {@code purpose} names what needs it in the refusal. */
  private String stanza(String purpose) {
    return files
        .configuredStanza()
        .orElseThrow(
            () ->
                node.conflict(
                    "WAL archiving is not configured on "
                        + node.env().address()
                        + "; "
                        + purpose
                        + " needs its stanza"));
  }

  private HostCommand command(Duration timeout, String stanza, String... args) {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                "--config=" + files.config(), "--stanza=" + stanza, "--log-level-console=warn"));
    argv.addAll(List.of(args));
    return HostCommand.of(timeout, files.binary(), argv.toArray(String[]::new));
  }

  private void requirePrimary() {
    if (!node.server().isRunning()) {
      throw node.conflict(
          "PostgreSQL on " + node.env().address() + " is not running; cannot back it up");
    }
    String password = node.storedPgPass().map(PgPass::superuserPassword).orElse("");
    try (Connection c = node.connect(List.of(password))) {
      if (PostgresAdmin.inRecovery(c)) {
        throw node.conflict(
            "PostgreSQL on " + node.env().address() + " is a standby; back up the primary");
      }
    } catch (SQLException e) {
      throw node.sqlFailure("checking the role before a backup", e);
    }
  }
}
