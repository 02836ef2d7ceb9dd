package io.pgfleet.activities.backup;

import io.pgfleet.activities.tls.PemTrust;
import io.pgfleet.workflows.host.ArchiveSettings;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * An S3 client for the backup repository pgBackRest archives into, from the same settings: https to
 * {@code endpoint:port}, path or host style, the repository's own CA when it has one.
 */
final class S3Repository implements AutoCloseable {

  /** A store that does not accept a connection within this is down, not slow. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Catalog objects are a few KiB: a response that stalls this long is a failed request. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  final S3Client s3;
  final String bucket;
  private final SdkHttpClient http;

  S3Repository(ArchiveSettings settings) {
    this.bucket = settings.bucket();
    this.http = httpClient(settings);
    this.s3 =
        S3Client.builder()
            .endpointOverride(URI.create("https://" + host(settings) + ":" + settings.port()))
            .forcePathStyle(settings.uriStyle() != ArchiveSettings.UriStyle.HOST)
            .region(Region.of(settings.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
            .httpClient(http)
            .build();
  }

  @Override
  public void close() {
    s3.close();
    http.close();
  }

  private static SdkHttpClient httpClient(ArchiveSettings settings) {
    Apache5HttpClient.Builder builder =
        Apache5HttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT);
    if (!settings.verifyTls()) {
      // The repository's settings say so explicitly (pgBackRest: repo1-storage-verify-tls=n).
      return builder.buildWithDefaults(
          AttributeMap.builder()
              .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true)
              .build());
    }
    if (settings.caPem() != null) {
      TrustManager[] trust = {PemTrust.of(settings.caPem(), "the repository's CA")};
      builder.tlsTrustManagersProvider(() -> trust);
    }
    return builder.build();
  }

  /** IPv6 literals need brackets in a URI. */
  private static String host(ArchiveSettings settings) {
    String host = settings.endpoint();
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
