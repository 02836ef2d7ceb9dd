package io.pgfleet.activities.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP server on loopback. */
class WebhookChannelTest {

  @StartStop private final MockWebServer server = new MockWebServer();

  private WebhookChannel channel(String secret) {
    return new WebhookChannel(
        WebhookChannel.newClient(), server.url("/hooks/pgfleet").uri(), secret);
  }

  @Test
  void postsTheAlertAsJsonWithTheSharedSecret() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());

    channel("s3cret").deliver(Alerts.failedOver());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/hooks/pgfleet");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get(WebhookChannel.SECRET_HEADER)).isEqualTo("s3cret");
    JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
    assertThat(body.get("id").asText()).isEqualTo("failover-op-7");
    assertThat(body.get("cluster_id").asText()).isEqualTo("c1");
    assertThat(body.get("subject").asText()).isEqualTo("failover");
    assertThat(body.get("severity").asText()).isEqualTo("warning");
    assertThat(body.get("operation_id").asText()).isEqualTo("op-7");
    assertThat(body.get("summary").asText())
        .isEqualTo("cluster c1: primary lost, failed over to postgres/1");
    assertThat(body.get("reason").asText()).startsWith("postgres/0 unreachable from 3 pgpools");
    assertThat(body.get("at").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(body.size()).isEqualTo(8);
  }

  @Test
  void withoutASecretNoSecretHeaderIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());

    channel(null).deliver(Alerts.failedOver());

    assertThat(server.takeRequest().getHeaders().get(WebhookChannel.SECRET_HEADER)).isNull();
  }

  @Test
  void aServerErrorIsAFailedDeliveryNamingTheStatus() {
    server.enqueue(new MockResponse.Builder().code(500).body("queue full").build());

    assertThatThrownBy(() -> channel(null).deliver(Alerts.failedOver()))
        .isInstanceOf(AlertChannelException.class)
        .hasMessage("answered HTTP 500: queue full");
  }

  @Test
  void anUnreachableReceiverIsAFailedDelivery() throws Exception {
    MockWebServer stopped = new MockWebServer();
    stopped.start();
    URI url = stopped.url("/hook").uri();
    stopped.close();

    assertThatThrownBy(
            () ->
                new WebhookChannel(WebhookChannel.newClient(), url, null)
                    .deliver(Alerts.failedOver()))
        .isInstanceOf(AlertChannelException.class)
        .hasMessageStartingWith("could not be reached: ");
  }

  @Test
  void itsNameHidesCredentialsInTheUrl() {
    WebhookChannel channel =
        new WebhookChannel(
            WebhookChannel.newClient(),
            URI.create("https://user:pw@hooks.example.com:8443/in/abc?token=t0k3n"),
            "s3cret");

    assertThat(channel.name()).isEqualTo("webhook https://hooks.example.com:8443/in/abc");
  }
}
