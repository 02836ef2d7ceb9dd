package io.pgfleet.activities.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertDelivery;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Delivery to every channel, and when a send counts as failed. */
class AlertActivitiesImplTest {

  @StartStop private final MockWebServer first = new MockWebServer();
  @StartStop private final MockWebServer second = new MockWebServer();

  /** A channel that records what it got and fails when told to. */
  private static final class Recording implements AlertChannel {
    final String name;
    final boolean fails;
    final List<Alert> got = new ArrayList<>();

    Recording(String name, boolean fails) {
      this.name = name;
      this.fails = fails;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void deliver(Alert alert) throws AlertChannelException {
      got.add(alert);
      if (fails) {
        throw new AlertChannelException("refused");
      }
    }
  }

  @Test
  void withoutChannelsTheLogAloneIsDelivery() {
    AlertDelivery delivery = new AlertActivitiesImpl(List.of()).send(Alerts.failedOver());

    assertThat(delivery.delivered()).containsExactly("log");
    assertThat(delivery.failed()).isEmpty();
  }

  @Test
  void oneChannelFailingDoesNotKeepTheAlertFromTheOthers() {
    Recording broken = new Recording("webhook a", true);
    Recording working = new Recording("webhook b", false);

    AlertDelivery delivery =
        new AlertActivitiesImpl(List.of(broken, working)).send(Alerts.failedOver());

    assertThat(delivery.delivered()).containsExactly("log", "webhook b");
    assertThat(delivery.failed()).containsExactly("webhook a refused");
    assertThat(working.got).containsExactly(Alerts.failedOver());
  }

  @Test
  void everyConfiguredChannelFailingIsARetryableFailure() {
    first.enqueue(new MockResponse.Builder().code(500).build());
    second.enqueue(new MockResponse.Builder().code(503).body("maintenance").build());
    AlertActivitiesImpl alerts =
        AlertActivitiesImpl.fromSettings(
            new AlertSettings(
                List.of(first.url("/a").uri(), second.url("/b").uri()), "s3cret", null));

    assertThatThrownBy(() -> alerts.send(Alerts.failedOver()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.ALERT_DELIVERY_FAILED.name());
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage())
                  .isEqualTo(
                      "no alert channel took alert failover-op-7: webhook "
                          + first.url("/a")
                          + " answered HTTP 500; webhook "
                          + second.url("/b")
                          + " answered HTTP 503: maintenance");
              AlertDelivery delivery = failure.getDetails().get(AlertDelivery.class);
              assertThat(delivery.delivered()).containsExactly("log");
              assertThat(delivery.failed()).hasSize(2);
            });
    assertThat(first.getRequestCount()).isEqualTo(1);
    assertThat(second.getRequestCount()).isEqualTo(1);
  }

  @Test
  void settingsBecomeOneChannelPerWebhookAndOneForSmtp() {
    AlertActivitiesImpl alerts =
        AlertActivitiesImpl.fromSettings(
            new AlertSettings(
                List.of(URI.create("https://a.example/x"), URI.create("http://b.example:8080/y")),
                null,
                new AlertSettings.Smtp(
                    "mail.example",
                    587,
                    "pgfleet@example",
                    List.of("dba@example"),
                    null,
                    null,
                    true)));

    assertThat(alerts.channelNames())
        .containsExactly(
            "log",
            "webhook https://a.example/x",
            "webhook http://b.example:8080/y",
            "smtp dba@example via mail.example:587");
  }

  @Test
  void settingsRefuseWhatWouldFailEveryAlert() {
    assertThatThrownBy(
            () -> new AlertSettings(List.of(URI.create("ftp://hooks.example/x")), null, null))
        .hasMessage("alert webhook URL ftp://hooks.example/x must be http or https");
    assertThatThrownBy(
            () ->
                new AlertSettings.Smtp(
                    "mail.example",
                    587,
                    "pgfleet@example",
                    List.of("dba at example"),
                    null,
                    null,
                    true))
        .hasMessageStartingWith("SMTP to address 'dba at example' is not an e-mail address");
    assertThatThrownBy(
            () ->
                new AlertSettings.Smtp(
                    "mail.example",
                    587,
                    "pgfleet@example",
                    List.of("dba@example"),
                    "user",
                    null,
                    true))
        .hasMessage("SMTP alerts need both a username and a password, or neither");
  }

  @Test
  void anIncompleteAlertIsRejectedForGood() {
    Alert noSeverity =
        new Alert("a1", "c1", "failover", null, null, "summary", "reason", Alerts.AT);

    assertThatThrownBy(() -> new AlertActivitiesImpl(List.of()).send(noSeverity))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void everyAlertIsLoggedAtItsSeveritysLevel() {
    Logger logger = (Logger) LoggerFactory.getLogger("io.pgfleet.alerts");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      for (AlertSeverity severity : AlertSeverity.values()) {
        new AlertActivitiesImpl(List.of())
            .send(new Alert("a-" + severity, "c1", "backup", severity, null, "s", "r", Alerts.AT));
      }
    } finally {
      logger.detachAppender(lines);
    }

    assertThat(lines.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            tuple(
                Level.INFO,
                "ALERT RESOLVED s [cluster c1, backup, operation null, id a-RESOLVED]: r"),
            tuple(
                Level.WARN,
                "ALERT WARNING s [cluster c1, backup, operation null, id a-WARNING]: r"),
            tuple(
                Level.ERROR,
                "ALERT CRITICAL s [cluster c1, backup, operation null, id a-CRITICAL]: r"));
  }
}
