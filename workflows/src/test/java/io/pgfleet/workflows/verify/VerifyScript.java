package io.pgfleet.workflows.verify;

import io.pgfleet.workflows.backup.BackupVerification;
import io.pgfleet.workflows.deprovision.DeprovisionInput;
import io.pgfleet.workflows.provision.ProvisionInput;
import io.pgfleet.workflows.restore.RestoreInput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the fake children were asked and how they answer. Shared with the workflow threads of the
 * test server, hence the concurrent lists; a non-null failure makes that child fail with it.
 */
final class VerifyScript {

  final List<ProvisionInput> provisions = new CopyOnWriteArrayList<>();
  final List<RestoreInput> restores = new CopyOnWriteArrayList<>();
  final List<DeprovisionInput> deprovisions = new CopyOnWriteArrayList<>();
  final List<BackupVerification> signals = new CopyOnWriteArrayList<>();
  volatile String provisionFailure;
  volatile String restoreFailure;
  volatile String deprovisionFailure;

  /** The restore never ends (until cancelled): for cancelling the verification meanwhile. */
  volatile boolean restoreHangs;
}
