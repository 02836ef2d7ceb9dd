package io.pgfleet.testenv.cloud;

import io.pgfleet.testenv.cloud.vm.Dirs;
import io.pgfleet.testenv.cloud.vm.VmUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares the state directory so the VM user can reach its VM and disk directories. */
final class StateDirs {

  private static final Logger LOG = LoggerFactory.getLogger(StateDirs.class);

  private StateDirs() {}

  static Path prepare(Path stateDir) throws IOException {
    Dirs.createTraversable(stateDir);
    Dirs.createTraversable(stateDir.resolve("vms"));
    Dirs.createTraversable(stateDir.resolve("disks"));
    Files.createDirectories(stateDir.resolve("tasks"));
    return stateDir;
  }

  /** PostgreSQL runs as the VM user and needs every parent directory to be traversable. */
  static void warnIfUntraversable(Path stateDir, VmUser user) throws IOException {
    if (user.name() == null) {
      return;
    }
    for (Path dir = stateDir.getParent(); dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        LOG.warn(
            "{} is not traversable by others: VM user {} cannot reach its VMs below {}",
            dir,
            user.name(),
            stateDir);
      }
    }
  }
}
