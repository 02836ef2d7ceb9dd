package io.pgfleet.activities.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP channel against GreenMail, a real SMTP server in this JVM on a free loopback port. */
class SmtpChannelTest {

  private static final String FROM = "pgfleet@ops.example.com";
  private static final List<String> TO = List.of("dba@ops.example.com", "oncall@ops.example.com");

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts", "mail-pw"))
          .withPerMethodLifecycle(true);

  private static AlertSettings.Smtp settings(String user, String password, boolean starttls) {
    return new AlertSettings.Smtp(
        "127.0.0.1", SMTP.getSmtp().getPort(), FROM, TO, user, password, starttls);
  }

  @Test
  void mailsEveryRecipientWithSubjectBodyAndAMessageIdFromTheAlertId() throws Exception {
    new SmtpChannel(settings(null, null, false)).deliver(Alerts.failedOver());

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(TO.size()); // one copy per recipient's mailbox
    MimeMessage mail = received[0];
    assertThat(addresses(mail.getRecipients(Message.RecipientType.TO)))
        .containsExactlyElementsOf(TO);
    assertThat(addresses(mail.getFrom())).containsExactly(FROM);
    assertThat(mail.getSubject())
        .isEqualTo("[pgfleet] WARNING cluster c1: primary lost, failed over to postgres/1");
    assertThat(mail.getMessageID()).isEqualTo("<failover-op-7@alerts.pgfleet>");
    assertThat(GreenMailUtil.getBody(mail))
        .contains("cluster c1: primary lost, failed over to postgres/1")
        .contains("postgres/0 unreachable from 3 pgpools")
        .contains("operation: op-7")
        .contains("at:        2026-01-02T03:04:05Z")
        .contains("alert id:  failover-op-7");
    assertThat(received[1].getMessageID()).isEqualTo(mail.getMessageID());
  }

  @Test
  void logsInWhenAUserIsConfigured() throws Exception {
    new SmtpChannel(settings("alerts", "mail-pw", false)).deliver(Alerts.failedOver());

    assertThat(SMTP.getReceivedMessages()).hasSize(TO.size());
  }

  @Test
  void aRefusedLoginIsAFailedDelivery() {
    SmtpChannel channel = new SmtpChannel(settings("alerts", "wrong", false));

    assertThatThrownBy(() -> channel.deliver(Alerts.failedOver()))
        .isInstanceOf(AlertChannelException.class)
        .hasMessageStartingWith("was not accepted: ");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void starttlsIsRequiredNotAttempted() {
    // GreenMail's plain SMTP does not offer STARTTLS: the alert must not go out in plain text.
    SmtpChannel channel = new SmtpChannel(settings(null, null, true));

    assertThatThrownBy(() -> channel.deliver(Alerts.failedOver()))
        .isInstanceOf(AlertChannelException.class)
        .hasMessageContaining("STARTTLS");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void itsNameSaysWhereMailGoes() {
    assertThat(new SmtpChannel(settings(null, null, false)).name())
        .isEqualTo(
            "smtp dba@ops.example.com,oncall@ops.example.com via 127.0.0.1:"
                + SMTP.getSmtp().getPort());
  }

  private static List<String> addresses(Address[] addresses) {
    return Arrays.stream(addresses).map(Address::toString).toList();
  }
}
