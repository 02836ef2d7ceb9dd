package io.pgfleet.testenv.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert mailbox of end-to-end tests: a real SMTP server (GreenMail) on a free loopback port
 * that keeps every mail the control-plane worker sends (plain SMTP, no login: a relay on a trusted
 * network, the worker's {@code starttls=false} case).
 */
final class MailReceiver implements AutoCloseable {

  static final String FROM = "pgfleet@e2e.test";
  static final String TO = "oncall@e2e.test";

  /** A received mail: its subject and text body. */
  record Mail(String subject, String body) {}

  private final GreenMail server =
      new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  MailReceiver() {
    server.start();
  }

  /** The worker's {@code pgfleet.alerts.smtp.*} settings for this receiver. */
  List<String> workerArgs() {
    return List.of(
        "--pgfleet.alerts.smtp.host=127.0.0.1",
        "--pgfleet.alerts.smtp.port=" + server.getSmtp().getPort(),
        "--pgfleet.alerts.smtp.from=" + FROM,
        "--pgfleet.alerts.smtp.to=" + TO,
        "--pgfleet.alerts.smtp.starttls=false");
  }

  /** Every mail received so far, oldest first. */
  List<Mail> mails() {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      try {
        mails.add(new Mail(m.getSubject(), GreenMailUtil.getBody(m)));
      } catch (MessagingException e) {
        throw new IllegalStateException("unreadable mail in the e2e mailbox", e);
      }
    }
    return mails;
  }

  @Override
  public void close() {
    server.stop();
  }
}
