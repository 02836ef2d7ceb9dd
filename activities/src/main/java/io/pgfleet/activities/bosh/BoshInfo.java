package io.pgfleet.activities.bosh;

import java.util.List;
import java.util.Map;

/** {@code GET /info}, the only unauthenticated endpoint. */
public record BoshInfo(
    String name,
    String uuid,
    String version,
    String user,
    String cpi,
    UserAuthentication userAuthentication,
    Map<String, Feature> features) {

  /** {@code type} is "basic" or "uaa"; for UAA, {@code options.url} is the token server. */
  public record UserAuthentication(String type, Options options) {}

  public record Options(String url, List<String> urls) {}

  public record Feature(Boolean status) {}

  public boolean usesUaa() {
    return userAuthentication != null && "uaa".equals(userAuthentication.type());
  }

  /** The UAA base URL, or null when the Director uses basic authentication. */
  public String uaaUrl() {
    return usesUaa() && userAuthentication.options() != null
        ? userAuthentication.options().url()
        : null;
  }

  /** Without {@code director.enable_snapshots} snapshot tasks succeed but create nothing. */
  public boolean snapshotsEnabled() {
    Feature snapshots = features == null ? null : features.get("snapshots");
    return snapshots != null && Boolean.TRUE.equals(snapshots.status());
  }
}
