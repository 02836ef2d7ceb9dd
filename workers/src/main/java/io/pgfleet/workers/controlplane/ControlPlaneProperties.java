package io.pgfleet.workers.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's settings ({@code pgfleet.*}).
 *
 * @param agents what the node agents on the VMs are told (rendered into manifests): their Temporal
 *     frontend may differ from the worker's own (another network)
 * @param codec the payload encryption keys every Temporal client of pgfleet shares
 * @param iaas the IaaS that fences VMs (required)
 * @param alerts where alerts go besides the log (optional)
 * @param backup the S3 repository for WAL archives, backups and their catalog (optional)
 */
@ConfigurationProperties("pgfleet")
public record ControlPlaneProperties(
    @DefaultValue Temporal temporal,
    Bosh bosh,
    @DefaultValue Agents agents,
    @DefaultValue Manifest manifest,
    @DefaultValue Codec codec,
    @DefaultValue IaasProperties iaas,
    @DefaultValue AlertProperties alerts,
    @DefaultValue BackupProperties backup) {

  public record Temporal(
      @DefaultValue("127.0.0.1:7233") String address, @DefaultValue("default") String namespace) {}

  /**
   * @param caCertFile PEM of the Director's CA; empty trusts the JVM's default CAs
   * @param pollInterval how often a waiting activity asks the Director about its task
   */
  public record Bosh(
      String url,
      String client,
      String secret,
      Path caCertFile,
      @DefaultValue("2s") Duration pollInterval) {

    @Override
    public String toString() {
      return "Bosh[url=" + url + ", client=" + client + "]";
    }
  }

  /**
   * Empty values fall back to the worker's own Temporal address and namespace.
   *
   * @param codecKeys what manifests give the node agents as {@code pgfleet.codec.keys}; by default
   *     the variable {@code ((pgfleet_codec_keys))}, which the Director resolves from its config
   *     server (CredHub) when it renders the job, so the keys never sit in a manifest (nor in the
   *     Temporal history that carries it). The variable must hold the same keys as {@code
   *     pgfleet.codec.keys}.
   */
  public record Agents(String temporalAddress, String temporalNamespace, String codecKeys) {

    @Override
    public String toString() {
      return "Agents[temporalAddress=" + temporalAddress + ", namespace=" + temporalNamespace + "]";
    }
  }

  /**
   * @param keys {@code keyId:base64key[,keyId:base64key…]} (environment {@code
   *     PGFLEET_CODEC_KEYS}); the first encrypts, all decrypt. Required: the worker refuses to
   *     start without it.
   */
  public record Codec(String keys) {

    @Override
    public String toString() {
      return "Codec[***]";
    }
  }

  public record Manifest(
      @DefaultValue("latest") String releaseVersion,
      @DefaultValue("ubuntu-jammy") String stemcellOs,
      @DefaultValue("latest") String stemcellVersion,
      @DefaultValue("default") String network,
      @DefaultValue("z1") List<String> azs) {}
}
