package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.backup.ArchiveRepositoryActivities;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.backup.BackupRecord;
import io.pgfleet.workflows.backup.BackupRef;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.workflow.Workflow;

/**
 * The validate step: reads only (the input, the source cluster's catalog entry or list, its
 * archive's coverage, the repository), and refuses with INVALID_INPUT what can never succeed.
 */
final class RestoreValidation {

  private final BackupCatalogActivities catalog =
      Workflow.newActivityStub(BackupCatalogActivities.class, RestorePolicies.QUICK);
  private final ArchiveRepositoryActivities repository =
      Workflow.newActivityStub(ArchiveRepositoryActivities.class, RestorePolicies.QUICK);

  RestorePlan validate(RestoreInput input) {
    InputCheck.check(input);
    String source = input.source();
    BackupRecord backup =
        input.backupId() == null
            ? BackupChoice.newest(catalog.list(source), source, input.target())
            : BackupChoice.named(
                catalog.get(new BackupRef(source, input.backupId())), source, input.backupId());
    CoverageCheck.check(backup, input.target(), catalog.archiveCoverage(source));
    ArchiveSettings settings =
        repository
            .settingsFor(source)
            .orElseThrow(
                () ->
                    Rejection.because(
                        "the control plane has no backup repository configured: the archive of"
                            + " cluster "
                            + source
                            + " cannot be read"));
    return new RestorePlan(backup, settings);
  }
}
