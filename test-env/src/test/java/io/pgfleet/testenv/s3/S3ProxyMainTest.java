package io.pgfleet.testenv.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ProxyMainTest {

  private static final Map<String, String> CREDENTIALS =
      Map.of(S3ProxyMain.ACCESS_KEY_ENV, "id", S3ProxyMain.SECRET_KEY_ENV, "secret");

  @Test
  void defaultsToTheDocumentedPortsAndBucket() {
    S3ProxySettings settings =
        S3ProxyMain.parse(
            new String[] {"--jar", "s3.jar", "--data-dir", "/s3", "--work-dir", "/s3proxy"},
            CREDENTIALS);

    assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(settings.secureEndpoint()).isEqualTo("https://127.0.0.1:9443");
    assertThat(settings.bucket()).isEqualTo("pgfleet-backups");
    assertThat(settings.jar()).isEqualTo(Path.of("s3.jar").toAbsolutePath());
    assertThat(settings.secretKey()).isEqualTo("secret");
    assertThat(settings.toString()).doesNotContain("secret");
  }

  @Test
  void credentialsMustComeFromTheEnvironment() {
    String[] args = {"--jar", "s3.jar", "--data-dir", "/s3", "--work-dir", "/w"};

    assertThatThrownBy(() -> S3ProxyMain.parse(args, Map.of(S3ProxyMain.ACCESS_KEY_ENV, "id")))
        .hasMessageContaining(S3ProxyMain.SECRET_KEY_ENV);
  }

  @Test
  void rejectsUnknownOptionsAndClashingPorts() {
    assertThatThrownBy(() -> S3ProxyMain.parse(new String[] {"--secret", "x"}, CREDENTIALS))
        .hasMessageContaining("--secret");
    assertThatThrownBy(
            () ->
                S3ProxyMain.parse(
                    new String[] {
                      "--jar", "j", "--data-dir", "d", "--work-dir", "w", "--port", "9443"
                    },
                    CREDENTIALS))
        .hasMessageContaining("ports must differ");
  }
}
