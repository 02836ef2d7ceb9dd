package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.alert.AlertActivitiesImpl;
import org.junit.jupiter.api.Test;

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
