package io.pgfleet.testenv.bench.failover.patroni;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads the cluster's members from any member's REST API. */
final class PatroniRest {

  /** The REST API answers from memory; a member that takes longer is as good as down. */
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** The members as the first answering member sees them; empty when none answers. */
  Optional<List<PatroniMember>> members(List<String> addresses) throws InterruptedException {
    for (String address : addresses) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://" + address + ":" + PatroniConfig.REST_PORT + "/cluster"))
              .timeout(TIMEOUT)
              .build();
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return Optional.of(PatroniMember.fromCluster(JSON.readTree(answer.body())));
        }
      } catch (IOException down) {
        // try the next member
      }
    }
    return Optional.empty();
  }
}
