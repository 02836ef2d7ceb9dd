package io.pgfleet.gateway.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's settings (prefix {@code pgfleet}). Credentials have no defaults: a gateway started
 * without them stops at once and names the missing setting.
 *
 * @param adminToken bearer token of the operations API (/api/v1) and of the codec endpoint
 * @param codec payload encryption keys and who may use the codec endpoint (/codec)
 */
@ConfigurationProperties("pgfleet")
public record GatewayProperties(
    @DefaultValue Broker broker,
    String adminToken,
    @DefaultValue Temporal temporal,
    @DefaultValue Inventory inventory,
    @DefaultValue Codec codec) {

  public GatewayProperties {
    require(adminToken, "pgfleet.admin-token", "PGFLEET_ADMIN_TOKEN");
    require(codec.keys(), "pgfleet.codec.keys", "PGFLEET_CODEC_KEYS");
  }

  /** HTTP basic credentials platforms use for the Open Service Broker API (/v2). */
  public record Broker(String username, String password) {

    public Broker {
      require(username, "pgfleet.broker.username", "PGFLEET_BROKER_USER");
      require(password, "pgfleet.broker.password", "PGFLEET_BROKER_PASSWORD");
    }

    @Override
    public String toString() {
      return "Broker[username=" + username + "]";
    }
  }

  /**
   * @param address host:port of the Temporal frontend (gRPC)
   */
  public record Temporal(
      @DefaultValue("127.0.0.1:7233") String address, @DefaultValue("default") String namespace) {}

  /**
   * Where the inventory lives. With an empty {@code url} the gateway starts its own PostgreSQL in
   * {@code dataDir}, which outlives restarts.
   *
   * @param port the embedded server's port; 0 picks a free one at each start
   */
  public record Inventory(
      String url,
      String username,
      String password,
      @DefaultValue(".pgfleet/inventory") Path dataDir,
      @DefaultValue("0") int port) {

    public boolean embedded() {
      return url == null || url.isBlank();
    }

    @Override
    public String toString() {
      return "Inventory[url=" + url + ", username=" + username + ", dataDir=" + dataDir + "]";
    }
  }

  /**
   * @param keys {@code keyId:base64key[,keyId:base64key…]}, the same keys the workers and node
   *     agents have; the first encrypts, all decrypt
   * @param allowedOrigins Web UI origins whose browsers may call /codec without the admin token
   *     (the Temporal UI cannot send it); empty requires the token from everyone
   */
  public record Codec(
      String keys,
      @DefaultValue({"http://127.0.0.1:8233", "http://localhost:8233"})
          List<String> allowedOrigins) {

    public Codec {
      allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    @Override
    public String toString() {
      return "Codec[allowedOrigins=" + allowedOrigins + "]";
    }
  }

  @Override
  public String toString() {
    return "GatewayProperties[" + broker + ", " + temporal + ", " + inventory + ", " + codec + "]";
  }

  private static void require(String value, String property, String environmentVariable) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          property
              + " is required and has no default: set it (e.g. --"
              + property
              + "=…) or the environment variable "
              + environmentVariable);
    }
  }
}
