package io.pgfleet.iaas.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's settings from PGFLEET_IAAS_EC2_* variables. */
class Ec2SettingsTest {

  @Test
  void readsTheEnvironmentWithAwsDefaults() {
    Ec2Settings local =
        Ec2Settings.fromEnvironment(
            Map.of(
                "PGFLEET_IAAS_EC2_ENDPOINT", "http://127.0.0.1:8773",
                "PGFLEET_IAAS_EC2_ACCESS_KEY", "admin",
                "PGFLEET_IAAS_EC2_SECRET_KEY", "s3cret"));
    assertThat(local.endpointOverride()).isEqualTo(URI.create("http://127.0.0.1:8773"));
    assertThat(local.region()).isEqualTo("us-east-1");
    assertThat(local.toString()).doesNotContain("s3cret");

    Ec2Settings aws = Ec2Settings.fromEnvironment(Map.of("PGFLEET_IAAS_EC2_REGION", "eu-west-1"));
    assertThat(aws.endpointOverride()).isNull();
    assertThat(aws.accessKey()).isNull();
    assertThat(aws.region()).isEqualTo("eu-west-1");
  }

  @Test
  void aKeyWithoutItsSecretIsRefused() {
    assertThatThrownBy(() -> new Ec2Settings(null, "us-east-1", "admin", null))
        .hasMessageContaining("both an access key and a secret key");
  }
}
