package io.pgfleet.testenv.cloud.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.testenv.cloud.DirectorError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ((name)) placeholders in job properties, filled in at render time as BOSH does. */
class ConfigServerTest {

  private final ConfigServer server =
      new ConfigServer(Map.of("pgfleet_codec_keys", "k1:abc+/=", "host", "10.0.0.1"));

  @Test
  void placeholdersAreReplacedAnywhereInTheTreeAndTheRestIsKept() {
    Map<String, Object> properties =
        Map.of(
            "pgfleet",
            Map.of(
                "codec",
                Map.of("keys", "((pgfleet_codec_keys))"),
                "hosts",
                List.of("((host)):5432", "other"),
                "port",
                5432,
                "plain",
                "(not a placeholder)"));

    Map<String, Object> rendered = server.interpolate(properties);

    assertThat(rendered)
        .isEqualTo(
            Map.of(
                "pgfleet",
                Map.of(
                    "codec",
                    Map.of("keys", "k1:abc+/="),
                    "hosts",
                    List.of("10.0.0.1:5432", "other"),
                    "port",
                    5432,
                    "plain",
                    "(not a placeholder)")));
    assertThat(properties.toString()).contains("((pgfleet_codec_keys))");
  }

  @Test
  void anUnknownNameFailsLikeTheDirectorsConfigServer() {
    assertThatThrownBy(() -> server.interpolate(Map.of("a", "((missing))")))
        .isInstanceOfSatisfying(
            DirectorError.class, e -> assertThat(e.code()).isEqualTo(ConfigServer.MISSING_NAME))
        .hasMessage("Failed to find variable 'missing' from config server: HTTP code '404'");
  }
}
