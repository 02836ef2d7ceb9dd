package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * pgpool's failover_command: a script that only records the failure as a {@link
 * PgpoolFailureReport} file for the node agent and exits 0. pgpool promotes nothing by itself: the
 * control plane confirms, fences and promotes. The script belongs to the agent (like a BOSH job's
 * bin/ directory) and pgpool runs it as the service user, which owns the reports directory.
 */
final class PgpoolFailureHook {
  private PgpoolFailureHook() {}

  /** Readable and runnable by the service user, writable only by the agent. */
  private static final String SCRIPT_MODE = "rwxr-xr-x";

  /** The command line goes through a shell unquoted: paths must not need quoting. */
  private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/._+-]+");

  static final String SCRIPT =
      """
      #!/bin/sh
      # Managed by the pgfleet node agent: pgpool's failover_command. It only records the failure
      # for the agent, which reports it to the control plane; nothing is promoted here.
      # usage: report-failure REPORTS_DIR FAILED_NODE_ID FAILED_HOST FAILED_PORT OLD_PRIMARY_ID
      number() { case $1 in ''|*[!0-9-]*) echo -1 ;; *) echo "$1" ;; esac; }
      dir=$1
      node=$(number "$2")
      port=$(number "$4")
      old_primary=$(number "$5")
      case $3 in *[!A-Za-z0-9.:_-]*) host=invalid ;; *) host=$3 ;; esac
      now=$(date +%s%3N)
      tmp="$dir/.report-$$.tmp"
      printf '{"failed_node_id":%s,"failed_host":"%s","failed_port":%s,"old_primary_node_id":%s,"at_millis":%s}\\n' \\
        "$node" "$host" "$port" "$old_primary" "$now" > "$tmp" || exit 0
      # a rename within one directory is atomic: the agent never reads half a report
      mv -f "$tmp" "$dir/$now-$$-backend-$node.json"
      exit 0
      """;

  static Path script(HostEnvironment env) {
    return env.dataDir().resolve("jobs").resolve("pgpool").resolve("bin").resolve("report-failure");
  }

  /** failover_command: %d failed node id, %h its host, %p its port, %P the old primary's id. */
  static String command(HostEnvironment env) {
    return plain(script(env)) + " " + plain(PgpoolFailureReport.directory(env)) + " %d %h %p %P";
  }

  /** Writes the script (when it differs) and makes the reports directory. */
  static void install(HostEnvironment env, HostFiles files) {
    files.ensureDir(PgpoolFailureReport.directory(env));
    Path script = script(env);
    if (HostFiles.read(script).filter(SCRIPT::equals).isPresent()) {
      return;
    }
    try {
      Path bin = script.getParent();
      Files.createDirectories(bin);
      for (Path dir = bin; !dir.equals(env.dataDir()); dir = dir.getParent()) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(SCRIPT_MODE));
      }
      Path temp = bin.resolve("." + script.getFileName() + ".tmp");
      Files.writeString(temp, SCRIPT, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(SCRIPT_MODE));
      Files.move(temp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED,
          "cannot install pgpool's failover hook " + script + ": " + e.getMessage(),
          e);
    }
  }

  private static String plain(Path path) {
    String text = path.toString();
    if (!PLAIN_PATH.matcher(text).matches()) {
      throw InputChecks.invalid(
          "pgpool's failover hook path " + text + " needs quoting; use a plain data dir path");
    }
    return text;
  }
}
