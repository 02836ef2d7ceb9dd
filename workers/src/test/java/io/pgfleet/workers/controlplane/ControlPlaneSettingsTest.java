package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.alert.AlertActivitiesImpl;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** IaaS settings are required, alert settings optional but checked; both named when wrong. */
class ControlPlaneSettingsTest {

  @Test
  void withoutAlertSettingsAlertsAreOnlyLogged() {
    WorkerSettings.activities()
        .run(
            context ->
                assertThat(context.getBean(AlertActivitiesImpl.class).channelNames())
                    .containsExactly("log"));
  }

  @Test
  void alertSettingsBecomeChannels() {
    WorkerSettings.activities()
        .withPropertyValues(
            "pgfleet.alerts.webhook-urls=https://hooks.example/a?token=t0k3n,http://127.0.0.1:9/b",
            "pgfleet.alerts.webhook-secret=hook-secret",
            "pgfleet.alerts.smtp.host=mail.example",
            "pgfleet.alerts.smtp.from=pgfleet@example",
            "pgfleet.alerts.smtp.to=dba@example, oncall@example",
            "pgfleet.alerts.smtp.username=pgfleet",
            "pgfleet.alerts.smtp.password=mail-secret")
        .run(
            context -> {
              assertThat(context.getBean(AlertActivitiesImpl.class).channelNames())
                  .containsExactly(
                      "log",
                      "webhook https://hooks.example/a",
                      "webhook http://127.0.0.1:9/b",
                      "smtp dba@example,oncall@example via mail.example:587");
              assertThat(context.getBean(ControlPlaneProperties.class).toString())
                  .doesNotContain("t0k3n", "hook-secret", "mail-secret", "ec2-secret");
            });
  }

  /** The names README and .pgfleet/env use (SPRING's environment variable binding). */
  @Test
  void environmentVariablesSetEverySetting() {
    Map<String, Object> env =
        Map.of(
            "PGFLEET_IAAS_EC2_ENDPOINT", "http://127.0.0.1:8773",
            "PGFLEET_IAAS_EC2_REGION", "eu-central-1",
            "PGFLEET_IAAS_EC2_ACCESS_KEY", "from-env",
            "PGFLEET_IAAS_EC2_SECRET_KEY", "env-secret",
            "PGFLEET_ALERTS_WEBHOOK_URLS", "http://127.0.0.1:9/a,http://127.0.0.1:9/b",
            "PGFLEET_ALERTS_SMTP_HOST", "mail.example",
            "PGFLEET_ALERTS_SMTP_FROM", "pgfleet@example",
            "PGFLEET_ALERTS_SMTP_TO", "dba@example",
            "PGFLEET_ALERTS_SMTP_STARTTLS", "false");
    new ApplicationContextRunner()
        .withUserConfiguration(WorkerSettings.PropertiesOnly.class)
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
        .run(
            context -> {
              ControlPlaneProperties properties = context.getBean(ControlPlaneProperties.class);
              assertThat(properties.iaas().ec2())
                  .isEqualTo(
                      new IaasProperties.Ec2(
                          URI.create("http://127.0.0.1:8773"),
                          "eu-central-1",
                          "from-env",
                          "env-secret"));
              assertThat(properties.alerts().webhookUrls()).hasSize(2);
              assertThat(properties.alerts().smtp().host()).isEqualTo("mail.example");
              assertThat(properties.alerts().smtp().to()).containsExactly("dba@example");
              assertThat(properties.alerts().smtp().starttls()).isFalse();
            });
  }

  @Test
  void anIncompleteSmtpSettingStopsStartupNamingIt() {
    WorkerSettings.activities()
        .withPropertyValues("pgfleet.alerts.smtp.host=mail.example")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "pgfleet.alerts.smtp: SMTP alerts need a from address"));
  }

  @Test
  void missingIaasSettingsStopStartupNamingThem() {
    WorkerSettings.activities()
        .withPropertyValues(
            "pgfleet.iaas.ec2.region=",
            "pgfleet.iaas.ec2.secret-key=",
            "pgfleet.iaas.ec2.endpoint=")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageStartingWith(
                        "pgfleet.iaas.ec2.region (PGFLEET_IAAS_EC2_REGION),"
                            + " pgfleet.iaas.ec2.secret-key (PGFLEET_IAAS_EC2_SECRET_KEY) must be set")
                    .hasMessageContaining(
                        "promotes only once the IaaS reports its VM powered off"));
  }

  @Test
  void withoutAnEndpointTheAdapterUsesAwsItself() {
    WorkerSettings.activities()
        .withPropertyValues("pgfleet.iaas.ec2.endpoint=", "pgfleet.iaas.ec2.region=eu-west-1")
        .run(
            context ->
                assertThat(
                        IaasConfiguration.ec2Settings(
                            context.getBean(ControlPlaneProperties.class).iaas().ec2()))
                    .satisfies(
                        settings -> {
                          assertThat(settings.endpointOverride()).isNull();
                          assertThat(settings.region()).isEqualTo("eu-west-1");
                          assertThat(settings.accessKey()).isEqualTo("AKIDTEST");
                        }));
  }
}
