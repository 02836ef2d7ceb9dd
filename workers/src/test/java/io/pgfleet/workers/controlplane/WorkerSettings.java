package io.pgfleet.workers.controlplane;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The worker's beans without its Temporal connection, with the settings every test needs. */
final class WorkerSettings {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ControlPlaneProperties.class)
  static class PropertiesOnly {}

  private WorkerSettings() {}

  /** Every activity bean; nothing here connects anywhere until an activity runs. */
  static ApplicationContextRunner activities() {
    return new ApplicationContextRunner()
        .withUserConfiguration(
            PropertiesOnly.class,
            ActivitiesConfiguration.class,
            IaasConfiguration.class,
            AlertsConfiguration.class,
            BackupConfiguration.class)
        .withPropertyValues(
            "pgfleet.bosh.url=https://127.0.0.1:1",
            "pgfleet.bosh.client=admin",
            "pgfleet.bosh.secret=bosh-secret",
            "pgfleet.iaas.ec2.endpoint=http://127.0.0.1:1",
            "pgfleet.iaas.ec2.region=us-east-1",
            "pgfleet.iaas.ec2.access-key=AKIDTEST",
            "pgfleet.iaas.ec2.secret-key=ec2-secret");
  }
}
