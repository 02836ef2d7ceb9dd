package io.pgfleet.testenv.e2e;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Faults a test injects into one local VM by pid: freezing every process (SIGSTOP, as a hung VM or
 * a long GC pause of the whole machine), thawing it, and SQL as the superuser over the VM's private
 * socket (trusted for {@code postgres}) for what an application role may not do.
 */
final class VmFaults {

  private static final long COMMAND_SECONDS = 30;

  private VmFaults() {}

  /** SIGSTOP to every process of the VM; returns the frozen pids for {@link #thaw}. */
  static List<Long> freeze(LocalVm vm) throws IOException, InterruptedException {
    List<Long> pids = new VmProcesses().pids(vm.vmCid());
    if (pids.isEmpty()) {
      throw new AssertionError("VM " + vm.vmCid() + " has no process to freeze");
    }
    signal("-STOP", pids);
    return pids;
  }

  /** SIGCONT to the given pids; those that died meanwhile (powered off) are skipped. */
  static void thaw(List<Long> pids) throws IOException, InterruptedException {
    List<Long> alive = pids.stream().filter(VmProcesses::isAlive).toList();
    if (!alive.isEmpty()) {
      signal("-CONT", alive);
    }
  }

  /** psql as the superuser over the VM's own socket; returns unaligned output. */
  static String superuserSql(LocalVm vm, String sql) throws IOException, InterruptedException {
    Path socketDir = vm.vmDir().resolve("sock");
    return run(
        List.of(
            "psql",
            "-h",
            socketDir.toString(),
            "-p",
            "5432",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-Atc",
            sql));
  }

  private static void signal(String signal, List<Long> pids)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kill", signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    run(command);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish in " + COMMAND_SECONDS + " s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
    return output.strip();
  }
}
