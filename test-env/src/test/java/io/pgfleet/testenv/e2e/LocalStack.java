package io.pgfleet.testenv.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.codec.AesGcmPayloadCodec;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.gateway.GatewayApplication;
import io.pgfleet.testenv.bench.BrokerClient;
import io.pgfleet.testenv.cloud.LocalCloud;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.Dirs;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.testenv.s3.S3ProxyServer;
import io.pgfleet.testenv.s3.S3ProxySettings;
import io.pgfleet.testenv.temporal.FreePorts;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workers.controlplane.ControlPlaneWorkerApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The control plane's right-hand side for end-to-end tests, all real and in this JVM where
 * possible: the shared Temporal dev server, a local cloud (its VMs run real PostgreSQL and
 * pgpool-II), the control-plane worker application and the API gateway (with its embedded inventory
 * database). Every Temporal client of the stack encrypts payloads with one random key; the local
 * cloud's agents get it through their manifests' config server variable, as on a real Director.
 */
final class LocalStack implements AutoCloseable {

  static final String BOSH_USER = "admin";
  static final String BROKER_USER = "broker";

  final Path stateDir;
  final LocalCloud cloud;

  /** The backup repository: the nodes archive WAL into it, the catalog records backups there. */
  final S3ProxyServer s3;

  final String boshPassword = UUID.randomUUID().toString();
  final String brokerPassword = UUID.randomUUID().toString();
  final String adminToken = UUID.randomUUID().toString();

  /**
   * The payload codec keys of the worker, the gateway and every node agent (whose manifests say
   * {@code ((pgfleet_codec_keys))}, filled in by the cloud's config server).
   */
  final String codecKeys = EncryptionKeys.newKeySpec("e2e");

  /** Where the worker's alert webhook posts; e2e tests assert alerts with {@link #alerts()}. */
  private final AlertReceiver alertReceiver;

  /** Where the worker mails alerts; e2e tests assert them with {@link #mails()}. */
  private final MailReceiver mailReceiver;

  private final String[] workerArgs;
  private ConfigurableApplicationContext worker;
  private final ConfigurableApplicationContext gateway;

  private LocalStack(Path stateDir, S3ProxyServer s3, boolean networkNamespaces) throws Exception {
    this.stateDir = stateDir;
    SharedTemporal temporal = SharedTemporal.get();
    this.s3 = s3;
    this.cloud =
        LocalCloud.builder()
            .stateDir(stateDir)
            .port(0)
            .credentials(BOSH_USER, boshPassword)
            .workflowClient(temporal.client())
            .temporal(temporal.server().address(), temporal.server().namespace())
            .stopGrace(Duration.ofSeconds(5))
            .variable("pgfleet_codec_keys", codecKeys) // CredHub's part
            .networkNamespaces(networkNamespaces)
            .start();
    this.alertReceiver = new AlertReceiver();
    this.mailReceiver = new MailReceiver();
    // The cloud's EC2 API takes the Director's credentials unless given others.
    String[] baseArgs =
        new String[] {
          "--pgfleet.temporal.address=" + temporal.server().address(),
          "--pgfleet.temporal.namespace=" + temporal.server().namespace(),
          "--pgfleet.bosh.url=" + cloud.directorUrl(),
          "--pgfleet.bosh.client=" + BOSH_USER,
          "--pgfleet.bosh.secret=" + boshPassword,
          "--pgfleet.bosh.poll-interval=200ms",
          "--pgfleet.codec.keys=" + codecKeys,
          "--pgfleet.iaas.ec2.endpoint=" + cloud.ec2Endpoint(),
          "--pgfleet.iaas.ec2.region=" + cloud.ec2Region(),
          "--pgfleet.iaas.ec2.access-key=" + BOSH_USER,
          "--pgfleet.iaas.ec2.secret-key=" + boshPassword,
          "--pgfleet.alerts.webhook-urls=" + alertReceiver.url(),
          "--pgfleet.alerts.webhook-secret=" + alertReceiver.secret,
          // the shared dev server outlives this stack: no fleet rollout may reach its clusters
          "--pgfleet.rollout.scheduled=false",
          "--pgfleet.backup.repository.endpoint=" + s3.settings().host(),
          "--pgfleet.backup.repository.port=" + s3.settings().httpsPort(),
          "--pgfleet.backup.repository.bucket=" + s3.settings().bucket(),
          "--pgfleet.backup.repository.access-key=" + s3.settings().accessKey(),
          "--pgfleet.backup.repository.secret-key=" + s3.settings().secretKey(),
          "--pgfleet.backup.repository.ca-cert-file=" + s3.certFile()
        };
    this.workerArgs =
        Stream.concat(Stream.of(baseArgs), mailReceiver.workerArgs().stream())
            .toArray(String[]::new);
    this.worker = ControlPlaneWorkerApplication.builder().run(workerArgs);
    this.gateway =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(
                "--server.port=0",
                "--pgfleet.broker.username=" + BROKER_USER,
                "--pgfleet.broker.password=" + brokerPassword,
                "--pgfleet.admin-token=" + adminToken,
                "--pgfleet.temporal.address=" + temporal.server().address(),
                "--pgfleet.temporal.namespace=" + temporal.server().namespace(),
                "--pgfleet.inventory.data-dir=" + stateDir.resolve("inventory"),
                "--pgfleet.codec.keys=" + codecKeys);
  }

  /**
   * Kills the control-plane worker as a crash would (its pollers and running activities stopped
   * without waiting) and starts a new one with the same settings.
   */
  void restartWorker() {
    worker.getBean(io.temporal.worker.WorkerFactory.class).shutdownNow();
    worker.close();
    worker = ControlPlaneWorkerApplication.builder().run(workerArgs);
  }

  /** The gateway's base URL (it listens on a free port). */
  String apiUrl() {
    String port = gateway.getEnvironment().getProperty("local.server.port");
    return "http://127.0.0.1:" + port;
  }

  /** The URL the worker posts alerts to. */
  URI alertWebhook() {
    return alertReceiver.url();
  }

  /** The alerts the worker sent to its webhook so far (JSON objects, oldest first). */
  List<JsonNode> alerts() {
    return alertReceiver.alerts();
  }

  /** The alert mails the worker sent so far, oldest first. */
  List<MailReceiver.Mail> mails() {
    return mailReceiver.mails();
  }

  /** Reads what the stack's clients encrypted. */
  AesGcmPayloadCodec codec() {
    return new AesGcmPayloadCodec(EncryptionKeys.parse(codecKeys));
  }

  BrokerClient broker() {
    return new BrokerClient(apiUrl(), BROKER_USER, brokerPassword);
  }

  /**
   * State under /var/tmp with a short name: VM users must traverse it, sockets need short paths.
   */
  static LocalStack start() throws Exception {
    return start(false);
  }

  /** With every VM address in its own network namespace (root only), for partition tests. */
  static LocalStack start(boolean networkNamespaces) throws Exception {
    Path stateDir = Files.createTempDirectory(Path.of("/var/tmp"), "pgfleet-e2e-");
    S3ProxyServer s3 = S3ProxyServer.start(s3Settings(stateDir));
    try {
      return new LocalStack(stateDir, s3, networkNamespaces);
    } catch (Exception | Error e) {
      s3.close(); // a stack that failed to start leaves no S3Proxy behind
      throw e;
    }
  }

  /** Pids of every process any VM of the deployment still has. */
  List<Long> vmProcesses(List<LocalVm> vms) {
    List<Long> pids = new ArrayList<>();
    for (LocalVm vm : vms) {
      if (vm.vmCid() != null) {
        pids.addAll(new VmProcesses().pids(vm.vmCid()));
      }
    }
    return pids;
  }

  @Override
  public void close() throws Exception {
    gateway.close();
    worker.close();
    alertReceiver.close();
    mailReceiver.close();
    for (Path vmDir : listOrEmpty(stateDir.resolve("vms"))) {
      new VmProcesses().kill(vmDir.getFileName().toString());
    }
    cloud.close();
    s3.close();
    Dirs.deleteTree(stateDir);
  }

  private static S3ProxySettings s3Settings(Path stateDir) {
    String host = "127.0.0.1";
    return new S3ProxySettings(
        Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")),
        stateDir.resolve("s3-data"),
        stateDir.resolve("s3-work"),
        host,
        FreePorts.pick(host),
        FreePorts.pick(host),
        "e2e",
        UUID.randomUUID().toString(),
        S3ProxySettings.DEFAULT_BUCKET);
  }

  static List<Path> listOrEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }
}
