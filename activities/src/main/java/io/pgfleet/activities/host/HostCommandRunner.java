package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs on the VM: after the environment's command prefix, as {@code runAsUser} through
 * runuser when the agent is root, with PGFLEET_VM_ID set (children such as the postmaster inherit
 * it), a timeout, and the output captured for failure messages.
 */
final class HostCommandRunner {

  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";

  /** A program killed on timeout may leave a child holding the pipe; don't wait on it for long. */
  private static final long OUTPUT_DRAIN_MILLIS = 2_000;

  private static final File DEV_NULL = new File("/dev/null");

  private final HostEnvironment env;

  /** The environment's command prefix, then the user switch: runuser runs inside the launcher. */
  private final List<String> prefix;

  HostCommandRunner(HostEnvironment env) {
    this.env = env;
    List<String> all = new ArrayList<>(env.commandPrefix());
    all.addAll(HostUsers.switchPrefix(env.runAsUser()));
    this.prefix = List.copyOf(all);
  }

  /** Runs the command; a non-zero exit is a HOST_COMMAND_FAILED failure. */
  CommandResult run(HostCommand command) {
    CommandResult result = probe(command);
    if (!result.succeeded()) {
      throw failure(command, result);
    }
    return result;
  }

  /** Runs the command and returns however it ended; only a timeout or launch error fails. */
  CommandResult probe(HostCommand command) {
    Process process = launch(command, builder(command).redirectErrorStream(true));
    OutputBuffer output = OutputBuffer.collect(process.getInputStream());
    try {
      if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        String tail = OutputBuffer.tail(output.finish(OUTPUT_DRAIN_MILLIS), 500);
        throw HostFailures.of(
            FailureType.HOST_COMMAND_FAILED,
            command.programName()
                + " timed out after "
                + command.timeout().toSeconds()
                + " s: "
                + command.commandLine()
                + "\n"
                + tail);
      }
      return new CommandResult(process.exitValue(), output.finish(OUTPUT_DRAIN_MILLIS));
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED, "interrupted: " + command.commandLine(), e);
    }
  }

  /**
   * Starts a long-running program in its own session (so signals to the agent's process group don't
   * reach it and it outlives the agent), output appended to {@code logFile}.
   */
  Process startDetached(HostCommand command, Path logFile) {
    List<String> argv = new ArrayList<>();
    argv.add(HostUsers.SETSID);
    argv.addAll(fullArgv(command));
    ProcessBuilder builder = new ProcessBuilder(argv);
    prepare(builder, command);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    return launch(command, builder);
  }

  static ApplicationFailure failure(HostCommand command, CommandResult result) {
    return HostFailures.of(
        FailureType.HOST_COMMAND_FAILED,
        command.programName()
            + " exited with code "
            + result.exitCode()
            + ": "
            + command.commandLine()
            + "\n"
            + result.tail());
  }

  private ProcessBuilder builder(HostCommand command) {
    ProcessBuilder builder = new ProcessBuilder(fullArgv(command));
    prepare(builder, command);
    return builder;
  }

  private List<String> fullArgv(HostCommand command) {
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(command.argv());
    return argv;
  }

  private void prepare(ProcessBuilder builder, HostCommand command) {
    Map<String, String> environment = builder.environment();
    // A clean environment: inherited PGHOST, PGPASSWORD … would silently redirect or
    // authenticate our commands, and the agent's own secrets must not reach PostgreSQL or pgpool.
    String path = environment.getOrDefault("PATH", DEFAULT_PATH);
    environment.clear();
    environment.put("PATH", path);
    environment.put("LC_ALL", "C.UTF-8"); // messages we parse stay English
    environment.putAll(command.env());
    environment.put(HostEnvironment.VM_ID_ENV, env.vmId());
    builder.redirectInput(DEV_NULL);
    Path dir = Files.isDirectory(env.dataDir()) ? env.dataDir() : Path.of("/");
    builder.directory(dir.toFile());
  }

  private static Process launch(HostCommand command, ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED,
          "cannot start " + command.programName() + ": " + e.getMessage(),
          e);
    }
  }
}
