package io.pgfleet.testenv.cloud.ec2;

import java.util.Objects;

/**
 * How the local EC2 API listens and whom it lets in.
 *
 * @param port 0 picks a free port
 * @param region the only region requests may be signed for
 */
public record Ec2ApiSettings(int port, String region, String accessKey, String secretKey) {

  public static final int DEFAULT_PORT = 8773;
  public static final String DEFAULT_REGION = "us-east-1";

  public Ec2ApiSettings {
    Objects.requireNonNull(region, "the EC2 API needs a region");
    Objects.requireNonNull(accessKey, "the EC2 API needs an access key id");
    Objects.requireNonNull(secretKey, "the EC2 API needs a secret access key");
  }

  @Override
  public String toString() {
    return "Ec2ApiSettings[port=" + port + ", region=" + region + ", accessKey=" + accessKey + "]";
  }
}
