package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the managed files into the data directory: the include line in postgresql.conf, the
 * include file itself and pg_hba.conf. pg_basebackup copies all three from the primary, so a
 * standby rewrites them for itself after every base backup.
 */
final class PostgresConfigWriter {

  private final HostLayout layout;
  private final HostFiles files;
  private final AppliedStamp applied;
  private final PgBackRestFiles pgBackRest;

  PostgresConfigWriter(HostLayout layout, HostFiles files) {
    this.layout = layout;
    this.files = files;
    this.pgBackRest = new PgBackRestFiles(layout);
    this.applied = new AppliedStamp(layout.runDir().resolve("postgres.applied"), files);
  }

  /**
   * Writes the files and says what differs from the configuration the running server loaded last;
   * so a retry after a crash between writing and reloading still reloads. Archiving configured on
   * this node stays on (see {@link ArchivePgSettings#carryOver}).
   */
  ConfigChange write(Map<String, String> wanted, String hba) {
    ensureInclude();
    Map<String, String> settings = ArchivePgSettings.carryOver(wanted, current(), pgBackRest);
    List<String> before =
        applied
            .read(2)
            .orElseGet(
                () ->
                    List.of(
                        HostFiles.read(include()).orElse(""),
                        HostFiles.read(hbaFile()).orElse("")));
    files.update(include(), PostgresConf.render(settings));
    files.update(hbaFile(), hba);
    return new ConfigChange(
        SettingsDiff.changedNames(PostgresConf.parse(before.get(0)), settings),
        !hba.equals(before.get(1)));
  }

  /** Records the files on disk as loaded by the server (after a start, reload or restart). */
  void markApplied() {
    applied.record(
        List.of(HostFiles.read(include()).orElse(""), HostFiles.read(hbaFile()).orElse("")));
  }

  /** The managed settings currently on disk (empty when there is no cluster). */
  Map<String, String> current() {
    return HostFiles.read(include()).map(PostgresConf::parse).orElse(Map.of());
  }

  private Path include() {
    return layout.pgData().resolve(PostgresConf.FILE_NAME);
  }

  private Path hbaFile() {
    return layout.pgData().resolve(PgHba.FILE_NAME);
  }

  private void ensureInclude() {
    Path conf = layout.pgData().resolve("postgresql.conf");
    String text = HostFiles.read(conf).orElse("");
    if (!text.lines().anyMatch(line -> line.strip().equals(PostgresConf.INCLUDE_LINE))) {
      String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
      files.write(conf, text + separator + PostgresConf.INCLUDE_LINE + "\n");
    }
  }
}
