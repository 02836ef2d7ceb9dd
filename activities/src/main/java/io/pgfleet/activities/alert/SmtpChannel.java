package io.pgfleet.activities.alert;

import io.pgfleet.workflows.alert.Alert;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * E-mails each alert to a fixed list of recipients through one SMTP server. The Message-ID is
 * derived from the alert id, so a retried alert is the same message to mail clients that thread or
 * deduplicate.
 */
public final class SmtpChannel implements AlertChannel {

  /** A mail server that does not accept a connection within this is down, not slow. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Each read and each write of the SMTP dialogue; a server that stalls longer is given up on so
   * the other channels (and the activity) are not held.
   */
  static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

  static final String SUBJECT_PREFIX = "[pgfleet] ";

  /** The right part of every Message-ID: the messages' origin, not a host name. */
  static final String MESSAGE_ID_DOMAIN = "alerts.pgfleet";

  private static final Pattern NOT_ATOM_TEXT = Pattern.compile("[^A-Za-z0-9._-]");

  private final AlertSettings.Smtp settings;
  private final Session session;

  public SmtpChannel(AlertSettings.Smtp settings) {
    this.settings = settings;
    this.session = Session.getInstance(properties(settings));
  }

  @Override
  public String name() {
    return "smtp "
        + String.join(",", settings.to())
        + " via "
        + settings.host()
        + ":"
        + settings.port();
  }

  @Override
  public void deliver(Alert alert) throws AlertChannelException {
    try {
      MimeMessage message = new AlertMessage(session, messageId(alert));
      message.setFrom(new InternetAddress(settings.from(), true));
      message.setRecipients(
          Message.RecipientType.TO, InternetAddress.parse(String.join(",", settings.to()), true));
      message.setSubject(subject(alert), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date(alert.atMillis()));
      message.setText(body(alert), StandardCharsets.UTF_8.name());
      if (settings.username() == null) {
        Transport.send(message);
      } else {
        Transport.send(message, settings.username(), settings.password());
      }
    } catch (MessagingException e) {
      throw new AlertChannelException("was not accepted: " + e.getMessage(), e);
    }
  }

  static String subject(Alert alert) {
    return SUBJECT_PREFIX + alert.severity() + " " + alert.summary();
  }

  static String messageId(Alert alert) {
    return "<" + NOT_ATOM_TEXT.matcher(alert.id()).replaceAll("_") + "@" + MESSAGE_ID_DOMAIN + ">";
  }

  static String body(Alert alert) {
    return """
        %s

        %s

        cluster:   %s
        subject:   %s
        severity:  %s
        operation: %s
        at:        %s
        alert id:  %s
        """
        .formatted(
            alert.summary(),
            alert.reason() == null ? "" : alert.reason(),
            alert.clusterId(),
            alert.subject(),
            alert.severity(),
            alert.operationId() == null ? "-" : alert.operationId(),
            Instant.ofEpochMilli(alert.atMillis()),
            alert.id());
  }

  private static Properties properties(AlertSettings.Smtp settings) {
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", String.valueOf(settings.port()));
    props.put("mail.smtp.from", settings.from());
    props.put("mail.smtp.connectiontimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
    props.put("mail.smtp.timeout", String.valueOf(IO_TIMEOUT.toMillis()));
    props.put("mail.smtp.writetimeout", String.valueOf(IO_TIMEOUT.toMillis()));
    props.put("mail.smtp.auth", String.valueOf(settings.username() != null));
    if (settings.starttls()) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
      props.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    return props;
  }

  /** Keeps the Message-ID it was given: Jakarta Mail would otherwise invent one on send. */
  private static final class AlertMessage extends MimeMessage {

    private final String messageId;

    AlertMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
