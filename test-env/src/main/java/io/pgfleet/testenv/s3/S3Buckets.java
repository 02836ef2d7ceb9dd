package io.pgfleet.testenv.s3;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Bucket set-up through the S3 API itself, as any S3 store would need it. */
public final class S3Buckets {

  /** S3Proxy ignores regions; the SDK insists on one and signs with it. */
  public static final Region REGION = Region.US_EAST_1;

  private S3Buckets() {}

  /** A path-style client (S3Proxy has no per-bucket host names) with static credentials. */
  public static S3Client client(String endpoint, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(true)
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /**
   * Creates {@code bucket} unless it exists; true if this call created it. Safe to run again and
   * from two processes at once.
   */
  public static boolean ensure(S3Client s3, String bucket) {
    if (exists(s3, bucket)) {
      return false;
    }
    try {
      s3.createBucket(b -> b.bucket(bucket));
      return true;
    } catch (BucketAlreadyOwnedByYouException e) {
      return false;
    }
  }

  public static boolean exists(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }
}
