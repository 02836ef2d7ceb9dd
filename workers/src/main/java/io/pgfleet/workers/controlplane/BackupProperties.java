package io.pgfleet.workers.controlplane;

import io.pgfleet.workflows.host.ArchiveSettings;
import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The backup repository ({@code pgfleet.backup.*}): the S3 store every cluster archives its WAL
 * into and keeps its backups and catalog in (one prefix per cluster). Optional: without it clusters
 * are provisioned without archiving and backups are refused.
 *
 * @param repository environment {@code PGFLEET_BACKUP_REPOSITORY_*}
 */
public record BackupProperties(@DefaultValue Repository repository) {

  /**
   * @param endpoint S3 host name or IP address without scheme (pgBackRest speaks https only);
   *     empty: no repository
   * @param port the store's https port
   * @param verifyTls whether the nodes and the catalog verify the store's certificate
   * @param caCertFile PEM of the store's CA; empty trusts the system's CAs
   * @param uriStyle PATH for S3Proxy, MinIO and most S3 clones; HOST for AWS S3
   */
  public record Repository(
      String endpoint,
      @DefaultValue("443") int port,
      String bucket,
      @DefaultValue("us-east-1") String region,
      String accessKey,
      String secretKey,
      @DefaultValue("true") boolean verifyTls,
      Path caCertFile,
      @DefaultValue("PATH") ArchiveSettings.UriStyle uriStyle) {

    @Override
    public String toString() {
      return "Repository[endpoint=%s, port=%d, bucket=%s, region=%s, accessKey=%s, uriStyle=%s]"
          .formatted(endpoint, port, bucket, region, accessKey, uriStyle);
    }
  }
}
