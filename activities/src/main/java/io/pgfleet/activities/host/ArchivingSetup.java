package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.ConfigureArchivingInput;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * configureArchiving: this VM's pgBackRest configuration, then the archiving settings of PostgreSQL
 * (a restart only when archive_mode changes, else a reload), then on a running primary
 * stanza-create and check. A stopped server is not started; it archives from its next start.
 */
final class ArchivingSetup {

  private final PostgresNode node;
  private final PgBackRestFiles files;
  private final ArchiveVerification verification;
  private final ArchiveStatusReader status;

  ArchivingSetup(
      PostgresNode node,
      PgBackRestFiles files,
      ArchiveVerification verification,
      ArchiveStatusReader status) {
    this.node = node;
    this.files = files;
    this.verification = verification;
    this.status = status;
  }

  ArchiveStatus run(ConfigureArchivingInput input) {
    if (input == null) {
      throw InputChecks.invalid("configureArchiving input is missing");
    }
    ArchiveSettings settings = ArchiveSettingsChecks.valid(input.settings());
    node.prepare();
    writePgBackRestConfig(settings, input.asyncArchive());
    if (!node.server().hasCluster()) {
      // bootstrapPrimary or buildStandby writes the archiving settings with the rest
      return status.read();
    }
    List<String> passwords = List.of(node.storedPgPass().map(PgPass::superuserPassword).orElse(""));
    Map<String, String> onDisk = node.config().current();
    boolean stanzaReady = releasesHeldWal(onDisk, settings.stanza(), passwords);
    Map<String, String> wanted = new LinkedHashMap<>(onDisk);
    wanted.putAll(ArchivePgSettings.of(settings.stanza(), files));
    ConfigChange change = node.config().write(wanted, currentHba());
    if (!node.server().isRunning()) {
      return status.read();
    }
    try (Connection c = node.run(change, passwords)) {
      if (!PostgresAdmin.inRecovery(c)) {
        verification.ensure(c, settings.stanza(), stanzaReady);
      }
      return status.read(c);
    } catch (SQLException e) {
      throw node.sqlFailure("configuring WAL archiving", e);
    }
  }

  /**
   * A restored primary holding its WAL (see {@link ArchivePgSettings#HELD_COMMAND}) gets its stanza
   * ready first: once archive_command names the stanza, the archiver pushes the held WAL at once,
   * and pushes into a stanza of another database system would fail (and hold its lock). True when
   * the stanza was made ready here.
   */
  private boolean releasesHeldWal(
      Map<String, String> onDisk, String stanza, List<String> passwords) {
    if (!ArchivePgSettings.HELD_COMMAND.equals(onDisk.get(ArchivePgSettings.ARCHIVE_COMMAND))
        || !node.server().isRunning()) {
      return false;
    }
    try (Connection c = node.connect(passwords)) {
      if (PostgresAdmin.inRecovery(c)) {
        return false;
      }
      verification.prepareStanza(c, stanza);
      return true;
    } catch (SQLException e) {
      throw node.sqlFailure("preparing stanza " + stanza + " for held WAL", e);
    }
  }

  private void writePgBackRestConfig(ArchiveSettings settings, boolean async) {
    files.prepare(node.files());
    if (settings.caPem() != null) {
      node.files().update(files.caFile(), settings.caPem());
    } else {
      HostFiles.delete(files.caFile());
    }
    node.files()
        .update(
            files.config(),
            PgBackRestConf.render(settings, async, files, node.env(), node.layout()));
  }

  /** pg_hba.conf as it is: archiving does not change who may connect. */
  private String currentHba() {
    return HostFiles.read(node.layout().pgData().resolve(PgHba.FILE_NAME)).orElse("");
  }
}
