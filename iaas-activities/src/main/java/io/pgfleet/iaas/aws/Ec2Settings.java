package io.pgfleet.iaas.aws;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom the EC2 adapter talks.
 *
 * @param endpointOverride null for AWS's own endpoint of the region; the local cloud's EC2 API
 *     (e.g. {@code http://127.0.0.1:8773}) otherwise
 * @param accessKey null, with {@code secretKey}, for the SDK's default credentials chain (instance
 *     profile, environment, profile files)
 */
public record Ec2Settings(URI endpointOverride, String region, String accessKey, String secretKey) {

  public static final String ENV_ENDPOINT = "PGFLEET_IAAS_EC2_ENDPOINT";
  public static final String ENV_REGION = "PGFLEET_IAAS_EC2_REGION";
  public static final String ENV_ACCESS_KEY = "PGFLEET_IAAS_EC2_ACCESS_KEY";
  public static final String ENV_SECRET_KEY = "PGFLEET_IAAS_EC2_SECRET_KEY";

  /** The local cloud's region, and AWS's default. */
  public static final String DEFAULT_REGION = "us-east-1";

  public Ec2Settings {
    Objects.requireNonNull(region, "EC2 settings need a region");
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException(
          "EC2 settings need both an access key and a secret key, or neither");
    }
  }

  /** From {@code PGFLEET_IAAS_EC2_*} variables; the region defaults to us-east-1. */
  public static Ec2Settings fromEnvironment(Map<String, String> env) {
    String endpoint = blankToNull(env.get(ENV_ENDPOINT));
    return new Ec2Settings(
        endpoint == null ? null : URI.create(endpoint),
        env.getOrDefault(ENV_REGION, DEFAULT_REGION),
        blankToNull(env.get(ENV_ACCESS_KEY)),
        blankToNull(env.get(ENV_SECRET_KEY)));
  }

  @Override
  public String toString() {
    return "Ec2Settings[endpointOverride="
        + endpointOverride
        + ", region="
        + region
        + ", accessKey="
        + accessKey
        + ", secretKey="
        + (secretKey == null ? null : "***")
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
