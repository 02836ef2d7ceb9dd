package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.pgfleet.workflows.host.PrepareRestoreInput;
import io.pgfleet.workflows.host.RecoveryTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * prepareRestore: turns a restored data directory (a volume made from a snapshot backup) into one
 * that recovers to the target when it starts. See docs/backup.md, "Restore on the node".
 */
final class RestorePreparation {

  private static final Duration CONTROLDATA_TIMEOUT = Duration.ofSeconds(30);

  private final PostgresNode node;
  private final PgBackRestFiles pgBackRest;

  RestorePreparation(PostgresNode node, PgBackRestFiles pgBackRest) {
    this.node = node;
    this.pgBackRest = pgBackRest;
  }

  void run(PrepareRestoreInput input) {
    if (input == null) {
      throw InputChecks.invalid("prepareRestore input is missing");
    }
    String label = InputChecks.required(input.backupLabel(), "backup label");
    RecoveryTarget target = RecoverySettings.valid(input.target());
    ArchiveSettings source = ArchiveSettingsChecks.valid(input.source());
    node.prepare();
    Path pgData = node.layout().pgData();
    if (!node.server().hasCluster()) {
      throw HostFailures.of(
          FailureType.INVALID_INPUT,
          "no PostgreSQL data directory at " + pgData + " on " + node.env().address());
    }
    refuseRunningServer(pgData);
    RestoredDataDir dir = new RestoredDataDir(pgData, node.files());
    dir.clearForRecovery();
    dir.writeLabels(label, input.tablespaceMap());
    writeSourceConfig(source);
    Optional<String> own = pgBackRest.configuredStanza().filter(source.stanza()::equals);
    node.config().write(settings(target, source, own), currentHba());
    node.files()
        .update(
            node.layout().restoreMarkerFile(),
            new RestoreMarker(
                    source.stanza(), target.describe(), systemIdentifier(), own.orElse(null))
                .render());
    HostFiles.delete(node.layout().recoveryOutcomeFile());
    HostFiles.delete(node.layout().recoveryLogOffsetFile());
    // last: without it the server never recovers, so an interrupted preparation is not started
    dir.signalRecovery();
  }

  /** A copied disk carries its source's postmaster.pid; only a postmaster working here counts. */
  private void refuseRunningServer(Path pgData) {
    Optional<PostmasterPid> pid = PostmasterPid.read(pgData);
    if (pid.isPresent() && pid.get().runsIn(pgData)) {
      throw node.conflict(
          "PostgreSQL runs on "
              + node.env().address()
              + " (pid "
              + pid.get().pid()
              + "); stop it before preparing a restore into "
              + pgData);
    }
    HostFiles.delete(pgData.resolve(PostmasterPid.FILE_NAME));
  }

  /**
   * The settings on disk with this node's address, port and sockets (a volume may come from another
   * node), no standby settings, the recovery settings, and archiving into this node's own stanza
   * only: the source's if this node archives there, else held until configureArchiving.
   */
  private Map<String, String> settings(
      RecoveryTarget target, ArchiveSettings source, Optional<String> ownStanza) {
    Map<String, String> settings =
        new LinkedHashMap<>(RecoverySettings.without(node.config().current()));
    settings.remove("primary_conninfo");
    settings.remove("primary_slot_name");
    settings.remove(ArchivePgSettings.RESTORE_COMMAND);
    settings.putAll(PostgresSettings.primary(node.env(), node.layout(), Map.of()));
    settings.putAll(
        ownStanza.map(s -> ArchivePgSettings.of(s, pgBackRest)).orElseGet(ArchivePgSettings::held));
    String restoreCommand =
        ArchivePgSettings.restoreCommand(pgBackRest.restoreConfig(), source.stanza(), pgBackRest);
    settings.putAll(RecoverySettings.of(target, restoreCommand));
    return settings;
  }

  /** The source archive in a file of its own: this VM's archiving configuration stays as it is. */
  private void writeSourceConfig(ArchiveSettings source) {
    pgBackRest.prepare(node.files());
    if (source.caPem() != null) {
      node.files().update(pgBackRest.restoreCaFile(), source.caPem());
    } else {
      HostFiles.delete(pgBackRest.restoreCaFile());
    }
    node.files()
        .update(
            pgBackRest.restoreConfig(),
            PgBackRestConf.render(
                source,
                true,
                pgBackRest.restoreCaFile(),
                "prepareRestore",
                pgBackRest,
                node.env(),
                node.layout()));
    // WAL an earlier restore prefetched may belong to another timeline's history
    HostFiles.deleteTree(pgBackRest.getQueue(source.stanza()));
  }

  private String systemIdentifier() {
    CommandResult result =
        node.runner()
            .run(
                HostCommand.of(
                    CONTROLDATA_TIMEOUT,
                    node.env().postgresTool("pg_controldata"),
                    "-D",
                    node.layout().pgData().toString()));
    return ControlData.systemIdentifier(result.output())
        .orElseThrow(
            () ->
                node.conflict(
                    "pg_controldata shows no database system identifier for "
                        + node.layout().pgData()));
  }

  private String currentHba() {
    return HostFiles.read(node.layout().pgData().resolve(PgHba.FILE_NAME)).orElse("");
  }
}
