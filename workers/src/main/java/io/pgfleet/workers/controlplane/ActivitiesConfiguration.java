package io.pgfleet.workers.controlplane;

import io.pgfleet.activities.bosh.BoshActivitiesImpl;
import io.pgfleet.activities.bosh.BoshDirector;
import io.pgfleet.activities.bosh.BoshDirectorConfig;
import io.pgfleet.activities.bosh.HttpBoshDirector;
import io.pgfleet.activities.bosh.ManifestActivitiesImpl;
import io.pgfleet.activities.bosh.ManifestSettings;
import io.pgfleet.activities.postgres.BackupSqlActivitiesImpl;
import io.pgfleet.activities.postgres.PostgresSqlActivitiesImpl;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The activity implementations the control-plane worker hosts, built from its properties. */
@Configuration(proxyBeanMethods = false)
class ActivitiesConfiguration {

  @Bean
  BoshDirector boshDirector(ControlPlaneProperties properties) throws IOException {
    ControlPlaneProperties.Bosh bosh = properties.bosh();
    if (bosh == null || bosh.url() == null || bosh.client() == null || bosh.secret() == null) {
      throw new IllegalStateException(
          "pgfleet.bosh.url, pgfleet.bosh.client and pgfleet.bosh.secret are required");
    }
    String caPem = bosh.caCertFile() == null ? null : Files.readString(bosh.caCertFile());
    return new HttpBoshDirector(
        new BoshDirectorConfig(
            bosh.url(), bosh.client(), bosh.secret(), caPem, bosh.pollInterval()));
  }

  @Bean
  BoshActivitiesImpl boshActivities(BoshDirector director, ControlPlaneProperties properties) {
    return new BoshActivitiesImpl(director, properties.bosh().pollInterval());
  }

  @Bean
  ManifestActivitiesImpl manifestActivities(ControlPlaneProperties properties) {
    ControlPlaneProperties.Manifest manifest = properties.manifest();
    ControlPlaneProperties.Agents agents = properties.agents();
    return new ManifestActivitiesImpl(
        new ManifestSettings(
            ManifestSettings.DEFAULT_RELEASE,
            manifest.releaseVersion(),
            manifest.stemcellOs(),
            manifest.stemcellVersion(),
            manifest.network(),
            manifest.azs(),
            orDefault(agents.temporalAddress(), properties.temporal().address()),
            orDefault(agents.temporalNamespace(), properties.temporal().namespace()),
            ManifestSettings.Update.ONE_AT_A_TIME,
            orDefault(agents.codecKeys(), ManifestSettings.CODEC_KEYS_VARIABLE)));
  }

  @Bean
  PostgresSqlActivitiesImpl postgresSqlActivities() {
    return new PostgresSqlActivitiesImpl();
  }

  @Bean
  BackupSqlActivitiesImpl backupSqlActivities() {
    return new BackupSqlActivitiesImpl();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
