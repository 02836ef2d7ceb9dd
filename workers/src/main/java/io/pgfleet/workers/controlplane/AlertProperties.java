package io.pgfleet.workers.controlplane;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where alerts go besides the worker's log ({@code pgfleet.alerts.*}); all optional.
 *
 * @param webhookUrls each gets every alert as a JSON POST (comma-separated in one property)
 * @param webhookSecret sent in the {@code X-Pgfleet-Webhook-Secret} header
 * @param smtp e-mail, on when {@code smtp.host} is set
 */
public record AlertProperties(
    List<URI> webhookUrls, String webhookSecret, @DefaultValue Smtp smtp) {

  /**
   * @param port 587 (submission) by default
   * @param to comma-separated recipients
   * @param starttls true (default) requires STARTTLS; false sends in plain text (a relay on a
   *     trusted network)
   */
  public record Smtp(
      String host,
      @DefaultValue("587") int port,
      String from,
      List<String> to,
      String username,
      String password,
      @DefaultValue("true") boolean starttls) {

    @Override
    public String toString() {
      return "Smtp[host=%s, port=%d, from=%s, to=%s, username=%s, starttls=%s]"
          .formatted(host, port, from, to, username, starttls);
    }
  }

  @Override
  public String toString() {
    return "AlertProperties[webhooks=%d, smtp=%s]"
        .formatted(webhookUrls == null ? 0 : webhookUrls.size(), smtp);
  }
}
