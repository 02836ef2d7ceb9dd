package io.pgfleet.workers.controlplane;

import io.pgfleet.activities.alert.AlertActivitiesImpl;
import io.pgfleet.activities.alert.AlertSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Alert delivery: always the log, plus the webhooks and the SMTP server configured. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

  @Bean
  AlertActivitiesImpl alertActivities(ControlPlaneProperties properties) {
    return AlertActivitiesImpl.fromSettings(alertSettings(properties.alerts()));
  }

  /** Invalid combinations stop the worker, naming the setting. */
  static AlertSettings alertSettings(AlertProperties alerts) {
    AlertSettings.Smtp smtp = null;
    AlertProperties.Smtp mail = alerts.smtp();
    if (mail.host() != null && !mail.host().isBlank()) {
      try {
        smtp =
            new AlertSettings.Smtp(
                mail.host(),
                mail.port(),
                mail.from(),
                mail.to(),
                mail.username(),
                mail.password(),
                mail.starttls());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("pgfleet.alerts.smtp: " + e.getMessage(), e);
      }
    }
    try {
      return new AlertSettings(alerts.webhookUrls(), alerts.webhookSecret(), smtp);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("pgfleet.alerts.webhook-urls: " + e.getMessage(), e);
    }
  }
}
