package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the managed files into the data directory: the include line in postgresql.conf, the
 * include file itself and pg_hba.conf. pg_basebackup copies all three from the primary, so a
 * standby rewrites them for itself after every base backup.
 */
final class PostgresConfigWriter {

  private final HostLayout layout;
  private final HostFiles files;

  PostgresConfigWriter(HostLayout layout, HostFiles files) {
    this.layout = layout;
    this.files = files;
  }

  ConfigChange write(Map<String, String> settings, String hba) {
    ensureInclude();
    Path include = layout.pgData().resolve(PostgresConf.FILE_NAME);
    Map<String, String> before = HostFiles.read(include).map(PostgresConf::parse).orElse(Map.of());
    files.update(include, PostgresConf.render(settings));
    boolean hbaChanged = files.update(layout.pgData().resolve(PgHba.FILE_NAME), hba);
    return new ConfigChange(SettingsDiff.changedNames(before, settings), hbaChanged);
  }

  /** The managed settings currently on disk (empty when there is no cluster). */
  Map<String, String> current() {
    return HostFiles.read(layout.pgData().resolve(PostgresConf.FILE_NAME))
        .map(PostgresConf::parse)
        .orElse(Map.of());
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
