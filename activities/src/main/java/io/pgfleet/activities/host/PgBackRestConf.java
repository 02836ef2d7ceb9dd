package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ArchiveSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This VM's pgbackrest.conf: the S3 repository, per-VM spool, lock and log paths, and one stanza
 * section for the local PostgreSQL. It holds the S3 keys, so it is written owner-only.
 */
final class PgBackRestConf {
  private PgBackRestConf() {}

  /**
   * Parallel pushes (and prefetches) per async run: enough to drain a backlog after an object store
   * outage without competing with PostgreSQL for the VM's CPUs.
   */
  static final int ARCHIVE_PROCESS_MAX = 2;

  /** lz4: a fraction of gzip's CPU on the primary for a slightly larger archive. */
  static final String COMPRESS_TYPE = "lz4";

  private static final Pattern STANZA_SECTION =
      Pattern.compile("^\\[([^:\\]\\s]+)\\]\\s*$", Pattern.MULTILINE);

  static String render(
      ArchiveSettings s, boolean async, PgBackRestFiles files, HostEnvironment env, HostLayout l) {
    return render(s, async, files.caFile(), "configureArchiving", files, env, l);
  }

  /**
   * A configuration for {@code s} with its CA in {@code caFile}, the header naming the activity
   * that wrote it.
   */
  static String render(
      ArchiveSettings s,
      boolean async,
      java.nio.file.Path caFile,
      String writer,
      PgBackRestFiles files,
      HostEnvironment env,
      HostLayout l) {
    StringBuilder out =
        new StringBuilder("# Managed by the pgfleet node agent (" + writer + ").\n[global]\n");
    option(out, "repo1-type", "s3");
    option(out, "repo1-s3-endpoint", s.endpoint());
    option(out, "repo1-storage-port", Integer.toString(s.port()));
    option(out, "repo1-s3-uri-style", uriStyle(s));
    option(out, "repo1-storage-verify-tls", s.verifyTls() ? "y" : "n");
    if (s.caPem() != null) {
      option(out, "repo1-storage-ca-file", caFile.toString());
    }
    option(out, "repo1-s3-bucket", s.bucket());
    option(out, "repo1-s3-region", s.region());
    option(out, "repo1-s3-key", s.accessKey());
    option(out, "repo1-s3-key-secret", s.secretKey());
    option(out, "repo1-path", s.repositoryPath());
    option(out, "spool-path", files.spoolDir().toString());
    option(out, "lock-path", files.lockDir().toString());
    option(out, "log-path", files.logDir().toString());
    option(out, "log-level-file", "info");
    option(out, "compress-type", COMPRESS_TYPE);
    option(out, "archive-async", async ? "y" : "n");
    for (String command : new String[] {"archive-push", "archive-get"}) {
      out.append("\n[global:").append(command).append("]\n");
      option(out, "process-max", Integer.toString(ARCHIVE_PROCESS_MAX));
    }
    out.append("\n[").append(s.stanza()).append("]\n");
    option(out, "pg1-path", l.pgData().toString());
    option(out, "pg1-socket-path", l.socketDir().toString());
    option(out, "pg1-port", Integer.toString(env.postgresPort()));
    option(out, "pg1-user", PgPass.SUPERUSER);
    return out.toString();
  }

  /** The (single) stanza section of a configuration this class rendered. */
  static Optional<String> stanzaOf(String conf) {
    Matcher m = STANZA_SECTION.matcher(conf);
    while (m.find()) {
      if (!m.group(1).equals("global")) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static String uriStyle(ArchiveSettings s) {
    return s.uriStyle() == null ? "path" : s.uriStyle().name().toLowerCase(Locale.ROOT);
  }

  private static void option(StringBuilder out, String name, String value) {
    out.append(name).append('=').append(value).append('\n');
  }
}
