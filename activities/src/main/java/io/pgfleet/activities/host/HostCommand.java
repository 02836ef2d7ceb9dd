package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One program to run on the VM. Secrets never go into {@code argv} (it is visible in ps and quoted
 * in failure messages); they travel in {@code env} (e.g. PGPASSFILE) or files.
 *
 * @param env variables added to the agent's environment (besides PGFLEET_VM_ID)
 */
record HostCommand(List<String> argv, Map<String, String> env, Duration timeout) {

  HostCommand {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  static HostCommand of(Duration timeout, Path program, String... args) {
    List<String> argv = new java.util.ArrayList<>();
    argv.add(program.toString());
    argv.addAll(List.of(args));
    return new HostCommand(argv, Map.of(), timeout);
  }

  HostCommand withEnv(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(env);
    more.put(name, value);
    return new HostCommand(argv, more, timeout);
  }

  /** The program's file name, for messages: {@code pg_basebackup}. */
  String programName() {
    return Path.of(argv.get(0)).getFileName().toString();
  }

  /** The command line for messages (safe: argv holds no secrets). */
  String commandLine() {
    return String.join(" ", argv);
  }
}
