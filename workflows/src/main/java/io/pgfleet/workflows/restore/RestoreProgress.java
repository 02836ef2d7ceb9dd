package io.pgfleet.workflows.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the restore got, for its rollback. Each flag is set before the step's first call: a call
 * whose answer was lost may still have acted, and every undo is idempotent.
 */
final class RestoreProgress {

  /** The PostgreSQL nodes' disks before the restore, primary first; empty until found. */
  List<NodeDisk> disks = List.of();

  boolean postgresStopped;
  boolean instancesStopped;
  boolean volumesRequested;
  boolean newDisksAttached;
  boolean instancesRestarted;

  /** Volumes made from the snapshot, by node name (postgres_0), in creation order. */
  final Map<String, String> volumes = new LinkedHashMap<>();

  /** Whether anything was changed: before that, a failure needs no rollback. */
  boolean changedAnything() {
    return postgresStopped;
  }

  List<String> volumeIds() {
    return new ArrayList<>(volumes.values());
  }
}
