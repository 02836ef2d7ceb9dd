package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.testenv.cloud.state.InstanceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a BOSH agent would report for a local VM. The node agent keeps a pid file in {@code
 * <vm-dir>/sys/run/} for each process it intends to run, so: {@code running} when the agent runs
 * and every pid file names a live process, {@code failing} when the agent is down or a pid file
 * names a dead process, {@code stopped} for a stopped instance, null without a VM.
 */
final class JobStateProbe {

  static final String RUNNING = "running";
  static final String FAILING = "failing";
  static final String STOPPED = "stopped";
  static final String AGENT_PROCESS = "node-agent";

  private JobStateProbe() {}

  static String jobState(InstanceRecord instance, Path vmDir, boolean agentRunning) {
    if (!instance.hasVm()) {
      return null;
    }
    if (!InstanceRecord.STARTED.equals(instance.state())) {
      return STOPPED;
    }
    boolean healthy =
        agentRunning && processes(vmDir).values().stream().allMatch(Boolean::booleanValue);
    return healthy ? RUNNING : FAILING;
  }

  /** BOSH's {@code processes}: the agent itself and one entry per pid file. */
  static List<Map<String, String>> processList(
      InstanceRecord instance, Path vmDir, boolean agentRunning) {
    List<Map<String, String>> list = new ArrayList<>();
    if (!instance.hasVm()) {
      return list;
    }
    boolean stopped = !InstanceRecord.STARTED.equals(instance.state());
    list.add(process(AGENT_PROCESS, stopped ? STOPPED : agentRunning ? RUNNING : FAILING));
    processes(vmDir)
        .forEach(
            (name, alive) ->
                list.add(process(name, stopped ? STOPPED : alive ? RUNNING : FAILING)));
    return list;
  }

  private static Map<String, String> process(String name, String state) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put("state", state);
    return entry;
  }

  /** Pid file name (without .pid) → whether the process it names is alive. */
  private static Map<String, Boolean> processes(Path vmDir) {
    Map<String, Boolean> result = new LinkedHashMap<>();
    Path run = VmLayout.runDir(vmDir);
    if (!Files.isDirectory(run)) {
      return result;
    }
    try (Stream<Path> files = Files.list(run)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".pid"))
          .sorted()
          .forEach(f -> result.put(name(f), alive(f)));
    } catch (IOException e) {
      return result;
    }
    return result;
  }

  private static String name(Path pidFile) {
    String file = pidFile.getFileName().toString();
    return file.substring(0, file.length() - ".pid".length());
  }

  private static boolean alive(Path pidFile) {
    try {
      String first = Files.readString(pidFile).strip().split("\\s+")[0];
      return VmProcesses.isAlive(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
