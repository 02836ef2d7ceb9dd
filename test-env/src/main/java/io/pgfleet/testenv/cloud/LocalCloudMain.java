package io.pgfleet.testenv.cloud;

import ch.qos.logback.classic.Level;
import io.pgfleet.testenv.cloud.ec2.Ec2ApiSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the local cloud from the command line:
 *
 * <pre>
 * LocalCloudMain --state-dir DIR [--address 127.0.0.1] [--port 25555] [--user admin]
 *     --password SECRET [--temporal-address 127.0.0.1:7233] [--namespace default] [--tls]
 *     [--vm-user pgfleet-vm] [--ec2-port 8773] [--ec2-region us-east-1]
 *     [--ec2-access-key KEY] [--ec2-secret-key SECRET] [--network-namespaces]
 * </pre>
 *
 * Prints {@code local cloud ec2 api: <ec2-url>}, then {@code local cloud ready: <director-url>}
 * once listening; SIGTERM stops the Director and the agents and leaves VM processes running. The
 * password may come from LOCAL_CLOUD_PASSWORD, the EC2 secret key from LOCAL_CLOUD_EC2_SECRET_KEY;
 * the EC2 keys default to the Director's user and password. Every environment variable {@code
 * LOCAL_CLOUD_VAR_<name>} is a config server value for {@code ((<name>))} in manifests (secrets
 * such as {@code pgfleet_codec_keys}: environment, never the command line).
 */
public final class LocalCloudMain {

  public static final String READY = "local cloud ready: ";
  public static final String EC2_READY = "local cloud ec2 api: ";
  public static final String VARIABLE_ENV_PREFIX = "LOCAL_CLOUD_VAR_";

  private static final Set<String> FLAGS = Set.of("--tls", "--network-namespaces");
  private static final List<String> OPTIONS =
      List.of(
          "--state-dir",
          "--address",
          "--port",
          "--user",
          "--password",
          "--temporal-address",
          "--namespace",
          "--vm-user",
          "--ec2-port",
          "--ec2-region",
          "--ec2-access-key",
          "--ec2-secret-key");

  private LocalCloudMain() {}

  public static void main(String[] args) throws Exception {
    quietLibraries();
    Map<String, String> options = parse(args);
    String password = options.getOrDefault("--password", System.getenv("LOCAL_CLOUD_PASSWORD"));
    if (!options.containsKey("--state-dir") || password == null) {
      System.err.println(
          "usage: LocalCloudMain --state-dir DIR --password SECRET [--address 127.0.0.1]"
              + " [--port 25555] [--user admin] [--temporal-address 127.0.0.1:7233]"
              + " [--namespace default] [--tls] [--vm-user pgfleet-vm] [--ec2-port 8773]"
              + " [--ec2-region us-east-1] [--ec2-access-key KEY] [--ec2-secret-key SECRET]"
              + " [--network-namespaces]");
      System.exit(2);
    }
    String user = options.getOrDefault("--user", "admin");
    String ec2Secret =
        options.getOrDefault("--ec2-secret-key", System.getenv("LOCAL_CLOUD_EC2_SECRET_KEY"));
    LocalCloudBuilder builder =
        LocalCloud.builder()
            .stateDir(Path.of(options.get("--state-dir")))
            .bindAddress(options.getOrDefault("--address", "127.0.0.1"))
            .port(Integer.parseInt(options.getOrDefault("--port", "25555")))
            .credentials(user, password)
            .temporal(
                options.getOrDefault("--temporal-address", "127.0.0.1:7233"),
                options.getOrDefault("--namespace", "default"))
            .vmUser(options.getOrDefault("--vm-user", LocalCloudBuilder.DEFAULT_VM_USER))
            .tls(options.containsKey("--tls"))
            .networkNamespaces(options.containsKey("--network-namespaces"))
            .ec2Port(
                Integer.parseInt(
                    options.getOrDefault(
                        "--ec2-port", String.valueOf(Ec2ApiSettings.DEFAULT_PORT))))
            .ec2Region(options.getOrDefault("--ec2-region", Ec2ApiSettings.DEFAULT_REGION))
            .ec2Credentials(
                options.getOrDefault("--ec2-access-key", user),
                ec2Secret != null ? ec2Secret : password);
    System.getenv().entrySet().stream()
        .filter(e -> e.getKey().startsWith(VARIABLE_ENV_PREFIX))
        .forEach(
            e ->
                builder.variable(e.getKey().substring(VARIABLE_ENV_PREFIX.length()), e.getValue()));
    LocalCloud cloud = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cloud.close();
                  stopped.countDown();
                },
                "local-cloud-shutdown"));
    System.out.println(EC2_READY + cloud.ec2Endpoint());
    System.out.println(READY + cloud.directorUrl());
    System.out.flush();
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (FLAGS.contains(args[i])) {
        options.put(args[i], "true");
      } else if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
        options.put(args[i], args[++i]);
      } else {
        throw new IllegalArgumentException("Unknown or incomplete option " + args[i]);
      }
    }
    return options;
  }

  /** Without a logback.xml everything logs at DEBUG; the Temporal and gRPC chatter is not news. */
  private static void quietLibraries() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(Level.INFO);
    }
  }
}
