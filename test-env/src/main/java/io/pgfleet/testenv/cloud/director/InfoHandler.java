package io.pgfleet.testenv.cloud.director;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /info}: unauthenticated; names the caller when valid credentials came along. */
final class InfoHandler {

  /** A real Director version string (clients parse the leading x.y.z) marked as local. */
  static final String VERSION = "282.0.3 (pgfleet-local)";

  static final String CPI = "local_cpi";

  private final DirectorContext director;

  InfoHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router.publicGet(
        "/info",
        (exchange, path) -> exchange.json(200, info(exchange.user()), DirectorExchange.JSON));
  }

  private Map<String, Object> info(String user) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("name", director.name());
    info.put("uuid", director.store().get().uuid());
    info.put("version", VERSION);
    info.put("user", user);
    info.put("cpi", CPI);
    info.put("stemcell_os", null);
    info.put("stemcell_version", null);
    Map<String, Object> authentication = new LinkedHashMap<>();
    authentication.put("type", "basic");
    authentication.put("options", Map.of());
    info.put("user_authentication", authentication);
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("local_dns", feature(Map.of("domain_name", "bosh")));
    features.put("power_dns", feature(Map.of("domain_name", "bosh")));
    features.put("compiled_package_cache", feature(Map.of()));
    features.put("snapshots", Map.of("status", false));
    features.put("config_server", feature(Map.of("urls", List.of())));
    info.put("features", features);
    return info;
  }

  /** A feature the local Director does not offer. */
  private static Map<String, Object> feature(Map<String, Object> extras) {
    Map<String, Object> feature = new LinkedHashMap<>();
    feature.put("status", false);
    feature.put("extras", extras);
    return feature;
  }
}
