package io.pgfleet.activities.backup;

import io.pgfleet.workflows.backup.ArchiveRepositoryActivities;
import io.pgfleet.workflows.host.ArchiveSettings;
import java.util.Optional;

/**
 * The backup repository from the control-plane worker's configuration, handed to workflows per
 * cluster. Holds no connection: the node agents and the catalog talk to the store themselves.
 */
public final class ConfiguredArchiveRepository implements ArchiveRepositoryActivities {

  private final ArchiveSettings repository;

  /**
   * @param repository the repository part of the settings (stanza and path are per cluster); null
   *     when the worker has none, so clusters are provisioned without archiving
   */
  public ConfiguredArchiveRepository(ArchiveSettings repository) {
    this.repository = repository;
  }

  /** A worker without a backup repository. */
  public static ConfiguredArchiveRepository none() {
    return new ConfiguredArchiveRepository(null);
  }

  public boolean configured() {
    return repository != null;
  }

  /** The store itself (for the catalog, which derives each cluster's prefix). */
  public Optional<ArchiveSettings> repository() {
    return Optional.ofNullable(repository);
  }

  @Override
  public Optional<ArchiveSettings> settingsFor(String clusterId) {
    return Optional.ofNullable(repository).map(r -> r.forCluster(clusterId));
  }

  @Override
  public String toString() {
    if (repository == null) {
      return "no backup repository";
    }
    return "s3=https://%s:%d/%s region=%s uriStyle=%s verifyTls=%s%s"
        .formatted(
            repository.endpoint(),
            repository.port(),
            repository.bucket(),
            repository.region(),
            repository.uriStyle(),
            repository.verifyTls(),
            repository.caPem() == null ? "" : " own CA");
  }
}
