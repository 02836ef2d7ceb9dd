package io.pgfleet.workflows.host;

/**
 * Where a node archives its WAL: one pgBackRest stanza per cluster in an S3 repository (S3Proxy
 * locally, any S3 API in production). The control plane's worker configuration holds the repository
 * part; the workflow adds the cluster's stanza and path. The keys travel only in activity inputs,
 * which the payload codec encrypts.
 *
 * @param stanza pgBackRest stanza, {@link #stanzaFor(String)} of the cluster id
 * @param endpoint S3 host name or IP address, without scheme (pgBackRest always uses https)
 * @param port S3 https port (443 for AWS)
 * @param repositoryPath the cluster's prefix in the bucket, {@link #repositoryPathFor(String)}
 * @param verifyTls whether pgBackRest verifies the store's certificate
 * @param caPem CA certificate(s) to verify it with; null trusts the system's CAs
 * @param uriStyle path style for S3Proxy and most S3 clones, host style for AWS
 */
public record ArchiveSettings(
    String stanza,
    String endpoint,
    int port,
    String bucket,
    String region,
    String accessKey,
    String secretKey,
    String repositoryPath,
    boolean verifyTls,
    String caPem,
    UriStyle uriStyle) {

  /** How requests name the bucket: in the path (/bucket/key) or as a host (bucket.endpoint). */
  public enum UriStyle {
    PATH,
    HOST
  }

  /** The stanza of a cluster: its id, so the repository says whose WAL it holds. */
  public static String stanzaFor(String clusterId) {
    return clusterId;
  }

  /** One prefix per cluster: its WAL, backups and catalog can be listed and removed together. */
  public static String repositoryPathFor(String clusterId) {
    return "/" + clusterId;
  }

  /** The same repository for another cluster: stanza and path derived from its id. */
  public ArchiveSettings forCluster(String clusterId) {
    return new ArchiveSettings(
        stanzaFor(clusterId),
        endpoint,
        port,
        bucket,
        region,
        accessKey,
        secretKey,
        repositoryPathFor(clusterId),
        verifyTls,
        caPem,
        uriStyle);
  }

  /** The same settings with other keys (rotation, or a test of a refused key). */
  public ArchiveSettings withKeys(String newAccessKey, String newSecretKey) {
    return new ArchiveSettings(
        stanza,
        endpoint,
        port,
        bucket,
        region,
        newAccessKey,
        newSecretKey,
        repositoryPath,
        verifyTls,
        caPem,
        uriStyle);
  }

  /** Never prints the keys. */
  @Override
  public String toString() {
    return "ArchiveSettings[stanza="
        + stanza
        + ", s3=https://"
        + endpoint
        + ":"
        + port
        + "/"
        + bucket
        + repositoryPath
        + ", region="
        + region
        + ", uriStyle="
        + uriStyle
        + ", verifyTls="
        + verifyTls
        + (caPem == null ? "" : ", own CA")
        + ", keys=***]";
  }
}
