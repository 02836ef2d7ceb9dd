package io.pgfleet.activities.bosh;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a cluster's BOSH manifest takes from the worker's configuration rather than from the
 * cluster: the release and stemcell to run, where VMs go, and where their node agents find
 * Temporal. Checked when the worker starts, so a bad setting never reaches a deploy.
 *
 * @param releaseName the BOSH release with the node-agent job ("pgfleet")
 * @param releaseVersion a version the Director has, or "latest"
 * @param stemcellVersion a version the Director has, or "latest"
 * @param network the cloud config network every VM joins
 * @param azs availability zones; BOSH spreads each group's instances over them in order
 * @param temporalAddress host:port of the Temporal frontend as seen from the VMs
 * @param codecKeys the payload codec keys the node agents get as job property {@code
 *     pgfleet.codec.keys}, or null to leave it out. On a real Director this is a variable reference
 *     such as {@code ((pgfleet_codec_keys))}: BOSH resolves it from CredHub at deploy time, so the
 *     keys never sit in the manifest, the Director's database or Temporal history.
 */
public record ManifestSettings(
    String releaseName,
    String releaseVersion,
    String stemcellOs,
    String stemcellVersion,
    String network,
    List<String> azs,
    String temporalAddress,
    String temporalNamespace,
    Update update,
    String codecKeys) {

  public static final String DEFAULT_RELEASE = "pgfleet";

  /**
   * What the node agents get as {@code pgfleet.codec.keys} by default: a config server (CredHub)
   * variable the Director fills in when it renders the job, so the keys never sit in a manifest.
   */
  public static final String CODEC_KEYS_VARIABLE = "((pgfleet_codec_keys))";

  /**
   * BOSH's update block.
   *
   * @param canaryWatchTime milliseconds BOSH waits for a canary to be running: "N" or "min-max"
   */
  public record Update(
      int canaries, int maxInFlight, String canaryWatchTime, String updateWatchTime) {

    private static final Pattern WATCH_TIME = Pattern.compile("\\d+(-\\d+)?");

    /**
     * One instance at a time: the primary and its standby must never be down together, and the
     * three pgpools keep two serving while one updates.
     */
    public static final Update ONE_AT_A_TIME = new Update(1, 1, "1000-60000", "1000-60000");

    public Update {
      if (canaries < 0 || maxInFlight < 1) {
        throw new IllegalArgumentException(
            "update needs canaries >= 0 and max_in_flight >= 1, not "
                + canaries
                + " and "
                + maxInFlight);
      }
      watchTime(canaryWatchTime, "canary_watch_time");
      watchTime(updateWatchTime, "update_watch_time");
    }

    private static void watchTime(String value, String what) {
      if (value == null || !WATCH_TIME.matcher(value).matches()) {
        throw new IllegalArgumentException(
            what + " '" + value + "' is not milliseconds as N or min-max");
      }
    }
  }

  /** Settings without codec keys: the agents get no {@code pgfleet.codec.keys}. */
  public ManifestSettings(
      String releaseName,
      String releaseVersion,
      String stemcellOs,
      String stemcellVersion,
      String network,
      List<String> azs,
      String temporalAddress,
      String temporalNamespace,
      Update update) {
    this(
        releaseName,
        releaseVersion,
        stemcellOs,
        stemcellVersion,
        network,
        azs,
        temporalAddress,
        temporalNamespace,
        update,
        null);
  }

  public ManifestSettings {
    required(releaseName, "release name");
    required(releaseVersion, "release version");
    required(stemcellOs, "stemcell os");
    required(stemcellVersion, "stemcell version");
    required(network, "network");
    required(temporalAddress, "Temporal address");
    required(temporalNamespace, "Temporal namespace");
    if (azs == null || azs.isEmpty()) {
      throw new IllegalArgumentException("manifest settings need at least one AZ");
    }
    azs.forEach(az -> required(az, "AZ"));
    azs = List.copyOf(azs);
    Objects.requireNonNull(update, "update");
    codecKeys = codecKeys == null || codecKeys.isBlank() ? null : codecKeys;
  }

  /** These settings with codec keys for the agents (null: none). */
  public ManifestSettings withCodecKeys(String keys) {
    return new ManifestSettings(
        releaseName,
        releaseVersion,
        stemcellOs,
        stemcellVersion,
        network,
        azs,
        temporalAddress,
        temporalNamespace,
        update,
        keys);
  }

  /** Without the codec keys. */
  @Override
  public String toString() {
    return "ManifestSettings[release="
        + releaseName
        + "/"
        + releaseVersion
        + ", stemcell="
        + stemcellOs
        + "/"
        + stemcellVersion
        + ", network="
        + network
        + ", azs="
        + azs
        + ", temporal="
        + temporalAddress
        + "/"
        + temporalNamespace
        + ", "
        + update
        + ", codecKeys="
        + (codecKeys == null ? "none" : "***")
        + "]";
  }

  /**
   * The worker's defaults: the newest uploaded release and stemcell, network "default", AZ z1, one
   * instance at a time.
   */
  public static ManifestSettings defaults(String temporalAddress, String temporalNamespace) {
    return new ManifestSettings(
        DEFAULT_RELEASE,
        "latest",
        "ubuntu-jammy",
        "latest",
        "default",
        List.of("z1"),
        temporalAddress,
        temporalNamespace,
        Update.ONE_AT_A_TIME);
  }

  private static void required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("manifest settings need a " + what);
    }
  }
}
