package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.backup.ConfiguredArchiveRepository;
import io.pgfleet.activities.backup.S3BackupCatalog;
import io.pgfleet.activities.backup.UnconfiguredBackupCatalog;
import io.pgfleet.workflows.backup.BackupCatalogActivities;
import io.pgfleet.workflows.host.ArchiveSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup repository is optional, complete when given, and never printed with its keys. */
class BackupSettingsTest {

  /** A self-signed test CA (public certificate only): the catalog's client must load it. */
  private static final String CA_PEM =
      ""
          + "-----BEGIN CERTIFICATE-----\n"
          + "MIIBijCCAS+gAwIBAgIULtWIBOaKt4l5G3qZdx92eA1sWQEwCgYIKoZIzj0EAwIw\n"
          + "GjEYMBYGA1UEAwwPcGdmbGVldC10ZXN0LWNhMB4XDTI2MTEyMjA1NDQwMVoXDTM2\n"
          + "MTExOTA1NDQwMVowGjEYMBYGA1UEAwwPcGdmbGVldC10ZXN0LWNhMFkwEwYHKoZI\n"
          + "zj0CAQYIKoZIzj0DAQcDQgAEj1RCZSLm2oZzoyTGQrtGZd62RoO+MpZRSVSCezUf\n"
          + "zGFkqHxpNH1bpz2t3DelIoum6vtkVadtF4wJalMFaPzz7KNTMFEwHQYDVR0OBBYE\n"
          + "FGEc2tQichnHqiBAfGewQ5Zw0XkEMB8GA1UdIwQYMBaAFGEc2tQichnHqiBAfGew\n"
          + "Q5Zw0XkEMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhANNMEIQ1\n"
          + "n65Vcm0nG4uEocYKgMhkSO9XYOaM9tSD9Q/dAiEAyUk8p5hkH6Xn1r7w4gf0SeR9\n"
          + "hwNpk1SKJimOfZjgfx0=\n"
          + "-----END CERTIFICATE-----\n";

  @Test
  void withoutARepositoryClustersGetNoArchiveSettingsAndTheCatalogRefuses() {
    WorkerSettings.activities()
        .run(
            context -> {
              assertThat(context.getBean(ConfiguredArchiveRepository.class).settingsFor("c-1"))
                  .isEmpty();
              assertThat(context.getBean(BackupCatalogActivities.class))
                  .isInstanceOf(UnconfiguredBackupCatalog.class);
            });
  }

  @Test
  void aRepositoryBecomesEachClustersArchiveSettings(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("ca.pem");
    Files.writeString(ca, CA_PEM);
    WorkerSettings.activities()
        .withPropertyValues(
            "pgfleet.backup.repository.endpoint=127.0.0.1",
            "pgfleet.backup.repository.port=9443",
            "pgfleet.backup.repository.bucket=pgfleet-backups",
            "pgfleet.backup.repository.access-key=s3-access",
            "pgfleet.backup.repository.secret-key=s3-secret",
            "pgfleet.backup.repository.ca-cert-file=" + ca)
        .run(
            context -> {
              ArchiveSettings settings =
                  context
                      .getBean(ConfiguredArchiveRepository.class)
                      .settingsFor("c-7f3a")
                      .orElseThrow();
              assertThat(settings)
                  .isEqualTo(
                      new ArchiveSettings(
                          "c-7f3a",
                          "127.0.0.1",
                          9443,
                          "pgfleet-backups",
                          "us-east-1",
                          "s3-access",
                          "s3-secret",
                          "/c-7f3a",
                          true,
                          Files.readString(ca),
                          ArchiveSettings.UriStyle.PATH));
              assertThat(context.getBean(BackupCatalogActivities.class))
                  .isInstanceOf(S3BackupCatalog.class);
              assertThat(context.getBean(ControlPlaneProperties.class).toString())
                  .doesNotContain("s3-secret");
            });
  }

  @Test
  void anIncompleteRepositoryStopsTheWorkerNamingTheMissingSettings() {
    WorkerSettings.activities()
        .withPropertyValues(
            "pgfleet.backup.repository.endpoint=s3.example.test",
            "pgfleet.backup.repository.access-key=s3-access")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("pgfleet.backup.repository.bucket")
                    .hasMessageContaining("pgfleet.backup.repository.secret-key"));
  }
}
