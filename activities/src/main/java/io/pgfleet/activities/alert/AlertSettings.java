package io.pgfleet.activities.alert;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.List;

/**
 * Where alerts go besides the log. Empty settings ({@link #logOnly()}) are valid: alerts are then
 * only logged.
 *
 * @param webhookUrls http(s) URLs that each get every alert as a JSON POST
 * @param webhookSecret sent as {@link WebhookChannel#SECRET_HEADER} so receivers can reject
 *     strangers; null sends none
 * @param smtp e-mail delivery; null for none
 */
public record AlertSettings(List<URI> webhookUrls, String webhookSecret, Smtp smtp) {

  public AlertSettings {
    webhookUrls = webhookUrls == null ? List.of() : List.copyOf(webhookUrls);
    for (URI url : webhookUrls) {
      String scheme = url.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException(
            "alert webhook URL " + WebhookChannel.redacted(url) + " must be http or https");
      }
    }
    webhookSecret = blankToNull(webhookSecret);
  }

  public static AlertSettings logOnly() {
    return new AlertSettings(List.of(), null, null);
  }

  /**
   * @param starttls true upgrades the connection with STARTTLS and refuses a server that does not
   *     offer it (never a silent fallback to plain text); false sends in plain text, for a relay on
   *     a trusted network
   * @param username null (with {@code password}) for a server that takes mail without login
   */
  public record Smtp(
      String host,
      int port,
      String from,
      List<String> to,
      String username,
      String password,
      boolean starttls) {

    public Smtp {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("SMTP alerts need a host");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("SMTP port " + port + " is not a TCP port");
      }
      if (from == null || from.isBlank()) {
        throw new IllegalArgumentException("SMTP alerts need a from address");
      }
      to =
          to == null ? List.of() : to.stream().filter(a -> !a.isBlank()).map(String::trim).toList();
      if (to.isEmpty()) {
        throw new IllegalArgumentException("SMTP alerts need at least one to address");
      }
      requireAddress("from", from);
      to.forEach(address -> requireAddress("to", address));
      username = blankToNull(username);
      password = blankToNull(password);
      if ((username == null) != (password == null)) {
        throw new IllegalArgumentException(
            "SMTP alerts need both a username and a password, or neither");
      }
    }

    /** Caught at startup: a malformed address would fail every alert, retried forever. */
    private static void requireAddress(String role, String address) {
      try {
        new InternetAddress(address, true);
      } catch (AddressException e) {
        throw new IllegalArgumentException(
            "SMTP "
                + role
                + " address '"
                + address
                + "' is not an e-mail address: "
                + e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "Smtp[host=%s, port=%d, from=%s, to=%s, username=%s, password=%s, starttls=%s]"
          .formatted(host, port, from, to, username, password == null ? null : "***", starttls);
    }
  }

  @Override
  public String toString() {
    return "AlertSettings[webhookUrls=%s, webhookSecret=%s, smtp=%s]"
        .formatted(
            webhookUrls.stream().map(WebhookChannel::redacted).toList(),
            webhookSecret == null ? null : "***",
            smtp);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
