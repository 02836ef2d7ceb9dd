package io.pgfleet.workflows.backup;

import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Optional;

/**
 * The backup repository of the control plane's configuration, for workflows that configure WAL
 * archiving. An activity, not workflow input: the S3 keys stay in worker configuration and reach a
 * history only inside encrypted payloads. Run by the control-plane worker; read-only.
 */
@ActivityInterface
public interface ArchiveRepositoryActivities {

  /**
   * The cluster's archive settings ({@link ArchiveSettings#forCluster}), or empty when the worker
   * has no backup repository configured (the cluster is then provisioned without archiving).
   */
  @ActivityMethod(name = "ArchiveRepository.settingsFor")
  Optional<ArchiveSettings> settingsFor(String clusterId);
}
