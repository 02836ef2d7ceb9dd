package io.pgfleet.activities.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the System V shared memory of processes that were SIGKILLed. pgpool-II keeps its ~135 MB
 * of shared state in a SysV segment that only its own shutdown removes: a killed pgpool leaves it
 * behind for good, and a few hundred of them exhaust the host's memory. The segment is marked for
 * removal (IPC_RMID via {@code ipcrm}), so the kernel frees it once the last dying process has
 * detached.
 */
public final class OrphanedSharedMemory {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedSharedMemory.class);
  private static final Path SEGMENTS = Path.of("/proc/sysvipc/shm");
  private static final int SHMID_COLUMN = 1;
  private static final int CREATOR_PID_COLUMN = 4;
  private static final long IPCRM_TIMEOUT_SECONDS = 10;

  private OrphanedSharedMemory() {}

  /** Removes every segment one of {@code creatorPids} created; call once they were killed. */
  public static void release(Collection<Long> creatorPids) {
    for (String shmid : segmentsCreatedBy(creatorPids)) {
      try {
        Process ipcrm = new ProcessBuilder("ipcrm", "-m", shmid).redirectErrorStream(true).start();
        if (!ipcrm.waitFor(IPCRM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          ipcrm.destroyForcibly();
        }
      } catch (IOException e) {
        LOG.warn("Cannot remove shared memory segment {}: {}", shmid, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static List<String> segmentsCreatedBy(Collection<Long> creatorPids) {
    if (creatorPids.isEmpty()) {
      return List.of();
    }
    try {
      return segmentsCreatedBy(creatorPids, Files.readAllLines(SEGMENTS));
    } catch (IOException e) {
      return List.of(); // no SysV IPC here: nothing can have leaked
    }
  }

  /** The shmids in {@code /proc/sysvipc/shm} lines (header first) created by one of the pids. */
  static List<String> segmentsCreatedBy(Collection<Long> creatorPids, List<String> lines) {
    List<String> shmids = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length > CREATOR_PID_COLUMN
          && ProcessProbe.parsePid(columns[CREATOR_PID_COLUMN])
              .filter(creatorPids::contains)
              .isPresent()) {
        shmids.add(columns[SHMID_COLUMN]);
      }
    }
    return shmids;
  }
}
