package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * pg_rewind of this node's stopped data directory from the new primary. It connects as the
 * superuser (pg_rewind reads files through SQL functions), the password coming from the pgpass file
 * named in the conninfo, never from the command line. A target that crashed is recovered in
 * single-user mode by pg_rewind itself first.
 */
final class PgRewind {

  /** Copies only blocks changed since the fork; bounded so a hung copy surfaces. */
  private static final Duration REWIND_TIMEOUT = Duration.ofMinutes(30);

  private static final String CONNECT_TIMEOUT_SECONDS = "10";

  private final PostgresNode node;

  PgRewind(PostgresNode node) {
    this.node = node;
  }

  /** Runs pg_rewind; how it ended (a failure means: take a base backup instead). */
  CommandResult run(PostgresSettings.Upstream upstream) {
    return node.runner().probe(command(upstream));
  }

  /** The command line: the conninfo names the pgpass file, never a password. */
  HostCommand command(PostgresSettings.Upstream upstream) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-D",
            node.layout().pgData().toString(),
            "--source-server=" + conninfo(upstream, node.layout().pgpassFile())));
    if (node.config().current().containsKey(ArchivePgSettings.RESTORE_COMMAND)) {
      // WAL the target needs back to the fork point may already be archived and recycled
      args.add("--restore-target-wal");
    }
    return HostCommand.of(
        REWIND_TIMEOUT, node.env().postgresTool("pg_rewind"), args.toArray(String[]::new));
  }

  private String conninfo(PostgresSettings.Upstream upstream, Path passfile) {
    return String.join(
        " ",
        PostgresSettings.keyword("host", upstream.host()),
        PostgresSettings.keyword("port", Integer.toString(upstream.port())),
        PostgresSettings.keyword("user", PgPass.SUPERUSER),
        PostgresSettings.keyword("dbname", "postgres"),
        PostgresSettings.keyword("passfile", passfile.toString()),
        PostgresSettings.keyword("connect_timeout", CONNECT_TIMEOUT_SECONDS),
        PostgresSettings.keyword("application_name", node.env().nodeName() + "_rewind"));
  }
}
