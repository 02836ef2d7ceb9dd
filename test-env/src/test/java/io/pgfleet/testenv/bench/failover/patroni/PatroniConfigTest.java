package io.pgfleet.testenv.bench.failover.patroni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PatroniConfigTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void putsEveryListenerOnTheMembersOwnAddressWithTheChosenTimings() throws Exception {
    JsonNode config =
        YAML.readTree(
            PatroniConfig.render(
                PatroniSettings.TUNED,
                "member2",
                "127.0.250.3",
                Path.of("/tmp/bench/member2"),
                "127.0.250.1:2379",
                "0123abcd"));

    assertThat(config.path("name").asText()).isEqualTo("member2");
    assertThat(config.at("/restapi/listen").asText()).isEqualTo("127.0.250.3:8008");
    assertThat(config.at("/etcd3/hosts").asText()).isEqualTo("127.0.250.1:2379");
    JsonNode dcs = config.at("/bootstrap/dcs");
    assertThat(dcs.path("ttl").asInt()).isEqualTo(10);
    assertThat(dcs.path("loop_wait").asInt()).isEqualTo(2);
    assertThat(dcs.path("retry_timeout").asInt()).isEqualTo(3);
    assertThat(dcs.at("/postgresql/use_pg_rewind").asBoolean()).isTrue();
    JsonNode postgres = config.path("postgresql");
    assertThat(postgres.path("listen").asText()).isEqualTo("127.0.250.3:5432");
    assertThat(postgres.path("data_dir").asText()).isEqualTo("/tmp/bench/member2/data");
    assertThat(postgres.path("bin_dir").asText()).isEqualTo("/usr/lib/postgresql/15/bin");
    assertThat(postgres.at("/authentication/superuser/password").asText()).isEqualTo("0123abcd");
    assertThat(postgres.at("/parameters/unix_socket_directories").asText())
        .isEqualTo("/tmp/bench/member2");
  }

  @Test
  void theDefaultsArePatronisOwn() {
    assertThat(PatroniSettings.DEFAULT)
        .isEqualTo(new PatroniSettings("patroni_default", 30, 10, 10));
  }

  @Test
  void refusesTimingsPatroniWouldRefuse() {
    assertThatThrownBy(() -> new PatroniSettings("x", 5, 2, 3))
        .hasMessageStartingWith("Patroni needs ttl >= loop_wait + 2 * retry_timeout");
  }
}
