package io.pgfleet.iaas.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/** Builds the {@link Ec2Client} the adapter uses. */
public final class Ec2Clients {

  /** An endpoint that does not accept a connection within this is down, not slow. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The local cloud copies the disk inside CreateSnapshot (so the snapshot is the disk at request
   * time); a large disk without reflink support takes a while. AWS answers in well under this.
   */
  static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private Ec2Clients() {}

  public static Ec2Client create(Ec2Settings settings) {
    Ec2ClientBuilder builder =
        Ec2Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(READ_TIMEOUT));
    if (settings.endpointOverride() != null) {
      builder.endpointOverride(settings.endpointOverride());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(Ec2Settings settings) {
    if (settings.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
  }
}
