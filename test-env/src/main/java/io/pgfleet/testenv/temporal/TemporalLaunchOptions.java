package io.pgfleet.testenv.temporal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to start Temporal. Ports of 0 mean "pick a free port".
 *
 * @param host loopback address the server binds (never a wildcard address)
 * @param port gRPC frontend port, 0 for a free one
 * @param uiPort Web UI port, 0 for a free one; ignored when {@code headless}
 * @param headless start the dev server without its Web UI
 * @param namespace namespace created at start and used by clients
 * @param workDir directory for the server's log and, unless {@code dbFile} is set, its database
 * @param dbFile the dev server's SQLite file; empty for {@code workDir/temporal-dev.db}
 * @param cli the CLI binary; empty to use {@link TemporalCli#locate()}
 * @param searchAttributes custom search attributes to register
 * @param fallbackAllowed whether to fall back to the Java test server if the dev server fails
 * @param uiCodecEndpoint the remote codec (the gateway's /codec) the Web UI decodes payloads with;
 *     empty for none
 */
public record TemporalLaunchOptions(
    String host,
    int port,
    int uiPort,
    boolean headless,
    String namespace,
    Path workDir,
    Optional<Path> dbFile,
    Optional<Path> cli,
    List<SearchAttributeDefinition> searchAttributes,
    boolean fallbackAllowed,
    Optional<String> uiCodecEndpoint) {

  public static final String LOOPBACK = "127.0.0.1";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalLaunchOptions {
    searchAttributes = List.copyOf(searchAttributes);
    uiCodecEndpoint = uiCodecEndpoint == null ? Optional.empty() : uiCodecEndpoint;
  }

  /**
   * Free ports, the repository's search attributes, fallback allowed, files under {@code workDir}.
   */
  public static TemporalLaunchOptions defaults(Path workDir) {
    return new TemporalLaunchOptions(
        LOOPBACK,
        0,
        0,
        false,
        DEFAULT_NAMESPACE,
        workDir,
        Optional.empty(),
        Optional.empty(),
        SearchAttributesFile.fromRepository(),
        true,
        Optional.empty());
  }

  public TemporalLaunchOptions withPorts(int newPort, int newUiPort) {
    return new TemporalLaunchOptions(
        host,
        newPort,
        newUiPort,
        headless,
        namespace,
        workDir,
        dbFile,
        cli,
        searchAttributes,
        fallbackAllowed,
        uiCodecEndpoint);
  }

  public TemporalLaunchOptions withHeadless(boolean newHeadless) {
    return new TemporalLaunchOptions(
        host,
        port,
        uiPort,
        newHeadless,
        namespace,
        workDir,
        dbFile,
        cli,
        searchAttributes,
        fallbackAllowed,
        uiCodecEndpoint);
  }

  public TemporalLaunchOptions withDbFile(Path newDbFile) {
    return new TemporalLaunchOptions(
        host,
        port,
        uiPort,
        headless,
        namespace,
        workDir,
        Optional.of(newDbFile),
        cli,
        searchAttributes,
        fallbackAllowed,
        uiCodecEndpoint);
  }

  public TemporalLaunchOptions withCli(Path newCli) {
    return new TemporalLaunchOptions(
        host,
        port,
        uiPort,
        headless,
        namespace,
        workDir,
        dbFile,
        Optional.of(newCli),
        searchAttributes,
        fallbackAllowed,
        uiCodecEndpoint);
  }

  public TemporalLaunchOptions withFallbackAllowed(boolean allowed) {
    return new TemporalLaunchOptions(
        host,
        port,
        uiPort,
        headless,
        namespace,
        workDir,
        dbFile,
        cli,
        searchAttributes,
        allowed,
        uiCodecEndpoint);
  }

  public TemporalLaunchOptions withUiCodecEndpoint(String endpoint) {
    return new TemporalLaunchOptions(
        host,
        port,
        uiPort,
        headless,
        namespace,
        workDir,
        dbFile,
        cli,
        searchAttributes,
        fallbackAllowed,
        Optional.of(endpoint));
  }

  /** The dev server's log file. */
  public Path logFile() {
    return workDir.resolve("temporal-dev-server.log");
  }

  /** The SQLite file the dev server persists to. */
  public Path effectiveDbFile() {
    return dbFile.orElse(workDir.resolve("temporal-dev.db"));
  }
}
