package io.pgfleet.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Settings bind with their defaults, and missing credentials stop startup with a clear reason. */
class GatewayPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GatewayProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsApplyWhenCredentialsAreGiven() {
    runner
        .withPropertyValues(
            "pgfleet.broker.username=u",
            "pgfleet.broker.password=secret-password",
            "pgfleet.admin-token=secret-token",
            "pgfleet.codec.keys=secret-keys")
        .run(
            context -> {
              GatewayProperties properties = context.getBean(GatewayProperties.class);
              assertThat(properties.codec().allowedOrigins())
                  .containsExactly("http://127.0.0.1:8233", "http://localhost:8233");
              assertThat(properties.temporal().address()).isEqualTo("127.0.0.1:7233");
              assertThat(properties.temporal().namespace()).isEqualTo("default");
              assertThat(properties.inventory().embedded()).isTrue();
              assertThat(properties.inventory().dataDir()).isEqualTo(Path.of(".pgfleet/inventory"));
              assertThat(properties.toString())
                  .doesNotContain("secret-password", "secret-token", "secret-keys");
            });
  }

  @Test
  void missingBrokerPasswordFailsStartupNamingIt() {
    runner
        .withPropertyValues("pgfleet.broker.username=u", "pgfleet.admin-token=t")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageStartingWith(
                        "pgfleet.broker.password is required and has no default")
                    .hasMessageContaining("PGFLEET_BROKER_PASSWORD"));
  }

  @Test
  void missingAdminTokenFailsStartupNamingIt() {
    runner
        .withPropertyValues("pgfleet.broker.username=u", "pgfleet.broker.password=p")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("pgfleet.admin-token is required"));
  }

  @Test
  void missingCodecKeysFailStartupNamingThem() {
    runner
        .withPropertyValues(
            "pgfleet.broker.username=u", "pgfleet.broker.password=p", "pgfleet.admin-token=t")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageStartingWith("pgfleet.codec.keys is required and has no default")
                    .hasMessageContaining("PGFLEET_CODEC_KEYS"));
  }

  @Test
  void missingEverythingNamesTheBrokerUserFirst() {
    runner.run(
        context ->
            assertThat(context.getStartupFailure())
                .rootCause()
                .hasMessageContaining("pgfleet.broker.username is required"));
  }
}
