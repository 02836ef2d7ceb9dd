package io.pgfleet.activities.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A copy of the configuration files a running process loaded last, kept on the ephemeral disk.
 * Comparing the wanted files with it (not with what is on disk) makes a retry apply a change that
 * an interrupted run had written but never reloaded. A rebooted VM has lost it, together with the
 * processes that had loaded it.
 */
final class AppliedStamp {

  private static final String SEPARATOR = "\n#### pgfleet: next file ####\n";

  private final Path file;
  private final HostFiles files;

  AppliedStamp(Path file, HostFiles files) {
    this.file = file;
    this.files = files;
  }

  /** The files' contents as last applied, in the order they were recorded. */
  Optional<List<String>> read(int fileCount) {
    return HostFiles.read(file)
        .map(text -> List.of(text.split(SEPARATOR, -1)))
        .filter(parts -> parts.size() == fileCount);
  }

  void record(List<String> contents) {
    files.ensureDir(file.getParent());
    files.update(file, String.join(SEPARATOR, contents));
  }
}
