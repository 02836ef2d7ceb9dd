package io.pgfleet.activities.host;

import java.util.OptionalLong;

/**
 * The pid-file convention the cloud reads to report a job's state: {@code
 * <dataDir>/sys/run/<name>.pid} holds the pid while the agent intends the process to run, and is
 * removed when the agent stops it on purpose. A file whose process is gone means "failing".
 */
final class PidFiles {

  private final HostLayout layout;
  private final HostFiles files;

  PidFiles(HostLayout layout, HostFiles files) {
    this.layout = layout;
    this.files = files;
  }

  void record(String processName, long pid) {
    files.ensureDir(layout.runDir());
    files.update(layout.pidFile(processName), pid + "\n");
  }

  void remove(String processName) {
    HostFiles.delete(layout.pidFile(processName));
  }

  OptionalLong read(String processName) {
    return HostFiles.read(layout.pidFile(processName))
        .flatMap(text -> ProcessProbe.parsePid(text.lines().findFirst().orElse("")))
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }
}
