package io.pgfleet.activities.alert;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertActivities;
import io.pgfleet.workflows.alert.AlertDelivery;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every alert, then hands it to each configured channel in turn. One channel failing does not
 * keep the alert from the others; the activity fails (retryably) only when channels are configured
 * and none took it. Channels run one after the other, each network step bounded (connect 5 s, then
 * 10 s per webhook call or per SMTP read and write): give the activity a start-to-close timeout of
 * a minute or more when several channels are configured.
 */
public final class AlertActivitiesImpl implements AlertActivities {

  private static final Logger LOG = LoggerFactory.getLogger(AlertActivitiesImpl.class);

  private final AlertChannel log = new LogChannel();

  /** The log first, then the configured channels in order. */
  private final List<AlertChannel> all;

  private final boolean configured;

  /**
   * @param channels the configured channels besides the log, which is always there
   */
  public AlertActivitiesImpl(List<AlertChannel> channels) {
    List<AlertChannel> logFirst = new ArrayList<>(List.of(log));
    logFirst.addAll(channels);
    this.all = List.copyOf(logFirst);
    this.configured = !channels.isEmpty();
  }

  /** The channels the settings name: one per webhook URL, one for SMTP. */
  public static AlertActivitiesImpl fromSettings(AlertSettings settings) {
    List<AlertChannel> channels = new ArrayList<>();
    if (!settings.webhookUrls().isEmpty()) {
      OkHttpClient http = WebhookChannel.newClient();
      settings
          .webhookUrls()
          .forEach(url -> channels.add(new WebhookChannel(http, url, settings.webhookSecret())));
    }
    if (settings.smtp() != null) {
      channels.add(new SmtpChannel(settings.smtp()));
    }
    return new AlertActivitiesImpl(channels);
  }

  /** Every channel's name, the log first. */
  public List<String> channelNames() {
    return all.stream().map(AlertChannel::name).toList();
  }

  @Override
  public AlertDelivery send(Alert alert) {
    requireComplete(alert);
    List<String> delivered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (AlertChannel channel : all) {
      try {
        channel.deliver(alert);
        delivered.add(channel.name());
      } catch (AlertChannelException | RuntimeException e) {
        String why = channel.name() + " " + e.getMessage();
        LOG.warn("alert {} not delivered: {}", alert.id(), why);
        failed.add(why);
      }
    }
    AlertDelivery delivery = new AlertDelivery(delivered, failed);
    boolean onlyLogged = delivered.stream().allMatch(log.name()::equals);
    if (configured && onlyLogged) {
      throw ApplicationFailure.newFailure(
          "no alert channel took alert " + alert.id() + ": " + String.join("; ", failed),
          FailureType.ALERT_DELIVERY_FAILED.name(),
          delivery);
    }
    return delivery;
  }

  private static void requireComplete(Alert alert) {
    if (alert == null
        || alert.id() == null
        || alert.clusterId() == null
        || alert.severity() == null
        || alert.summary() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "an alert needs an id, a cluster id, a severity and a summary: " + alert,
          FailureType.INVALID_INPUT.name());
    }
  }
}
