package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.codec.EncryptionKeys;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The worker's client encrypts every payload, and the worker does not start without keys. */
class TemporalConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ControlPlaneProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(PropertiesOnly.class, TemporalConfiguration.class)
          // lazy stubs: nothing connects to this address
          .withPropertyValues("pgfleet.temporal.address=127.0.0.1:1");

  @Test
  void theClientsConverterEncryptsWithTheConfiguredKeys() {
    String keys = EncryptionKeys.newKeySpec("k7");
    runner
        .withPropertyValues("pgfleet.codec.keys=" + keys)
        .run(
            context -> {
              DataConverter converter =
                  context.getBean(WorkflowClient.class).getOptions().getDataConverter();
              assertThat(converter).isInstanceOf(CodecDataConverter.class);
              assertThat(converter.toPayload("secret").orElseThrow().getMetadataMap())
                  .containsKey("encryption-key-id");
              assertThat(context.getBean(ControlPlaneProperties.class).toString())
                  .doesNotContain(keys.substring(3));
            });
  }

  @Test
  void missingKeysStopStartupNamingTheSetting() {
    runner.run(
        context ->
            assertThat(context.getStartupFailure())
                .rootCause()
                .hasMessageStartingWith("pgfleet.codec.keys is required and has no default")
                .hasMessageContaining("PGFLEET_CODEC_KEYS"));
  }

  @Test
  void aMalformedKeyStopsStartupWithoutQuotingIt() {
    runner
        .withPropertyValues("pgfleet.codec.keys=k1:c2hvcnQta2V5")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("('k1') is 9 bytes; AES-256 needs 32")
                    .hasMessageNotContaining("c2hvcnQta2V5"));
  }
}
