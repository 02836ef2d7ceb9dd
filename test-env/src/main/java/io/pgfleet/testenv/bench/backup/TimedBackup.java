package io.pgfleet.testenv.bench.backup;

import io.pgfleet.workflows.backup.BackupInput;
import io.pgfleet.workflows.backup.BackupMode;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupResult;
import io.pgfleet.workflows.backup.BackupWorkflow;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgBackRestBackupType;
import io.pgfleet.workflows.operation.StepView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One backup through {@code BackupWorkflow}, timed from the request (the workflow's start) to its
 * result: the backup recorded in the catalog.
 */
record TimedBackup(double seconds, BackupRecord backup, String steps) {

  /** A 1 GB copy at a few tens of MB/s plus its checkpoint; ten times that is a hang. */
  private static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(20);

  static TimedBackup take(BenchStack stack, Topology topology, BackupMode mode) {
    String backupId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    BackupWorkflow workflow =
        stack.workflow(BackupWorkflow.class, "backup-" + backupId, WORKFLOW_TIMEOUT);
    BackupInput input =
        new BackupInput(
            stack.clusterId,
            "op-" + backupId,
            backupId,
            topology,
            mode,
            mode == BackupMode.COPY ? PgBackRestBackupType.FULL : null);
    long start = System.nanoTime();
    BackupResult result = workflow.backup(input);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new TimedBackup(seconds, result.backup(), steps(result.operation().steps()));
  }

  /** "check primary 0.1 s, snapshot primary disk 3.2 s, …" from the operation's step times. */
  static String steps(List<StepView> steps) {
    List<String> parts = new ArrayList<>();
    for (StepView step : steps) {
      if (step.finishedAtMillis() == null) {
        parts.add(step.name() + " (" + step.state() + ")");
      } else {
        double took = (step.finishedAtMillis() - step.startedAtMillis()) / 1000.0;
        parts.add(String.format(Locale.ROOT, "%s %.1f s", step.name(), took));
      }
    }
    return String.join(", ", parts);
  }
}
