package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook script as pgpool runs it (through sh): one report file, no temporary left, exit 0. */
class PgpoolFailureHookIT {

  @TempDir Path dir;

  private final HostEnvironment env = TestEnvironments.vm(Path.of("/unused"));

  @Test
  void writesOneReportPerRunAndExitsZero() throws Exception {
    HostEnvironment vm = vmIn(dir);
    PgpoolFailureHook.install(vm, new HostFiles(vm));
    long before = System.currentTimeMillis();

    assertThat(run(vm, "0 127.0.1.2 5432 0")).isZero();
    assertThat(run(vm, "1 127.0.1.3 5432 0")).isZero();

    List<Path> reports = files(PgpoolFailureReport.directory(vm));
    assertThat(reports).hasSize(2).allMatch(p -> p.toString().endsWith(".json"));
    List<PgpoolFailureReport> parsed =
        reports.stream().map(p -> PgpoolFailureReport.parse(read(p))).toList();
    assertThat(parsed)
        .extracting(PgpoolFailureReport::failedHost)
        .containsExactlyInAnyOrder("127.0.1.2", "127.0.1.3");
    assertThat(parsed).allMatch(r -> r.atMillis() >= before && r.oldPrimaryNodeId() == 0);
    assertThat(Files.getPosixFilePermissions(PgpoolFailureHook.script(vm)))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void argumentsThatAreNotWhatPgpoolPassesCannotBreakTheJson() throws Exception {
    HostEnvironment vm = vmIn(dir);
    PgpoolFailureHook.install(vm, new HostFiles(vm));

    assertThat(run(vm, "x '\"h\",\"x\":1' '' -1")).isZero();

    List<Path> reports = files(PgpoolFailureReport.directory(vm));
    assertThat(reports).hasSize(1);
    assertThat(PgpoolFailureReport.parse(read(reports.get(0))))
        .extracting(PgpoolFailureReport::failedNodeId, PgpoolFailureReport::failedHost)
        .containsExactly(-1, "invalid");
  }

  @Test
  void theCommandNamesTheScriptAndTheReportsDirectory() {
    assertThat(PgpoolFailureHook.command(env))
        .isEqualTo(
            "/unused/data/jobs/pgpool/bin/report-failure /unused/data/sys/run/failure-reports"
                + " %d %h %p %P");
  }

  /** As pgpool does: the command line, placeholders replaced, through the shell. */
  private static int run(HostEnvironment vm, String args) throws Exception {
    String line = PgpoolFailureHook.command(vm).replace("%d %h %p %P", args);
    Process sh = new ProcessBuilder("/bin/sh", "-c", line).inheritIO().start();
    if (!sh.waitFor(10, TimeUnit.SECONDS)) {
      sh.destroyForcibly();
      throw new AssertionError("hook did not finish: " + line);
    }
    return sh.exitValue();
  }

  private static HostEnvironment vmIn(Path dir) {
    HostEnvironment base = TestEnvironments.vm(dir);
    return new HostEnvironment(
        base.vmId(),
        base.nodeName(),
        base.address(),
        base.storeDir(),
        base.dataDir(),
        null,
        base.postgresBinDir(),
        base.pgpoolBin(),
        base.postgresPort(),
        base.pgpoolPort(),
        base.pcpPort());
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> all = Files.list(dir)) {
      return all.toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
