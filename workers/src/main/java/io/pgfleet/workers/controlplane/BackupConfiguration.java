package io.pgfleet.workers.controlplane;

import io.pgfleet.activities.backup.ConfiguredArchiveRepository;
import io.pgfleet.activities.backup.S3BackupCatalog;
import io.pgfleet.activities.backup.UnconfiguredBackupCatalog;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.host.ArchiveSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backup repository the workflows hand to node agents (archiving) and the catalog in it. A
 * worker without {@code pgfleet.backup.repository.endpoint} runs, but provisions without archiving
 * and refuses backups, naming the missing settings.
 */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

  @Bean
  ConfiguredArchiveRepository archiveRepository(ControlPlaneProperties properties) {
    return new ConfiguredArchiveRepository(repositorySettings(properties.backup().repository()));
  }

  @Bean
  BackupCatalogActivities backupCatalog(ConfiguredArchiveRepository repository) {
    return repository
        .repository()
        .<BackupCatalogActivities>map(S3BackupCatalog::new)
        .orElseGet(UnconfiguredBackupCatalog::new);
  }

  /** Null without an endpoint; otherwise complete, or the worker stops naming what is missing. */
  static ArchiveSettings repositorySettings(BackupProperties.Repository r) {
    if (blank(r.endpoint())) {
      return null;
    }
    List<String> missing = new ArrayList<>();
    if (blank(r.bucket())) {
      missing.add("pgfleet.backup.repository.bucket");
    }
    if (blank(r.accessKey())) {
      missing.add("pgfleet.backup.repository.access-key");
    }
    if (blank(r.secretKey())) {
      missing.add("pgfleet.backup.repository.secret-key");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          String.join(", ", missing)
              + " must be set with pgfleet.backup.repository.endpoint ("
              + r.endpoint()
              + "): the nodes archive WAL there and the catalog records backups there");
    }
    return new ArchiveSettings(
        null,
        r.endpoint(),
        r.port(),
        r.bucket(),
        r.region(),
        r.accessKey(),
        r.secretKey(),
        null,
        r.verifyTls(),
        caPem(r),
        r.uriStyle());
  }

  private static String caPem(BackupProperties.Repository r) {
    if (r.caCertFile() == null || r.caCertFile().toString().isBlank()) {
      return null;
    }
    try {
      return Files.readString(r.caCertFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "pgfleet.backup.repository.ca-cert-file " + r.caCertFile() + " cannot be read", e);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
