package io.pgfleet.testenv.cloud;

import io.pgfleet.testenv.cloud.ec2.Ec2ApiSettings;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link LocalCloud}; only the state directory and the password have no default. */
public final class LocalCloudBuilder {

  public static final int DEFAULT_PORT = 25555;
  public static final String DEFAULT_VM_USER = "pgfleet-vm";

  /** BOSH's with_deployment_lock waits 10 s for a busy deployment. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

  /** Long enough for PostgreSQL's smart/fast shutdown of a small test cluster. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

  /** Deployment-changing tasks that run at once; more wait queued, as on a real Director. */
  public static final int DEFAULT_WORKERS = 4;

  private Path stateDir;
  private String bindAddress = "127.0.0.1";
  private int port = DEFAULT_PORT;
  private String user = "admin";
  private String password;
  private boolean tls;
  private String directorName = "pgfleet-local";
  private String temporalAddress = "127.0.0.1:7233";
  private String temporalNamespace = "default";
  private WorkflowClient workflowClient;
  private String vmUser = DEFAULT_VM_USER;
  private VmAgentLauncher agentLauncher;
  private Duration lockWait = DEFAULT_LOCK_WAIT;
  private Duration stopGrace = DEFAULT_STOP_GRACE;
  private Path postgresBinDir = NodeAgentConfig.DEFAULT_POSTGRES_BIN;
  private Path pgpoolBin = NodeAgentConfig.DEFAULT_PGPOOL_BIN;
  private int workers = DEFAULT_WORKERS;
  private int ec2Port;
  private String ec2Region = Ec2ApiSettings.DEFAULT_REGION;
  private String ec2AccessKey;
  private String ec2SecretKey;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private boolean networkNamespaces;
  private Path leaseDir =
      Path.of(System.getProperty("java.io.tmpdir"), "pgfleet-local-cloud", "address-leases");

  LocalCloudBuilder() {}

  public LocalCloudBuilder stateDir(Path dir) {
    this.stateDir = dir;
    return this;
  }

  /** A loopback address (127.0.0.0/8); VMs never get 127.0.0.x. */
  public LocalCloudBuilder bindAddress(String address) {
    this.bindAddress = address;
    return this;
  }

  public LocalCloudBuilder port(int port) {
    this.port = port;
    return this;
  }

  public LocalCloudBuilder credentials(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  public LocalCloudBuilder tls(boolean enabled) {
    this.tls = enabled;
    return this;
  }

  public LocalCloudBuilder directorName(String name) {
    this.directorName = name;
    return this;
  }

  public LocalCloudBuilder temporal(String address, String namespace) {
    this.temporalAddress = address;
    this.temporalNamespace = namespace;
    return this;
  }

  /** Agents use this client; the namespace written into agent configs comes from it. */
  public LocalCloudBuilder workflowClient(WorkflowClient client) {
    this.workflowClient = client;
    this.temporalNamespace = client.getOptions().getNamespace();
    return this;
  }

  public LocalCloudBuilder vmUser(String name) {
    this.vmUser = name;
    return this;
  }

  public LocalCloudBuilder agentLauncher(VmAgentLauncher launcher) {
    this.agentLauncher = launcher;
    return this;
  }

  public LocalCloudBuilder lockWait(Duration wait) {
    this.lockWait = wait;
    return this;
  }

  public LocalCloudBuilder stopGrace(Duration grace) {
    this.stopGrace = grace;
    return this;
  }

  public LocalCloudBuilder binaries(Path postgresBinDir, Path pgpoolBin) {
    this.postgresBinDir = postgresBinDir;
    this.pgpoolBin = pgpoolBin;
    return this;
  }

  public LocalCloudBuilder workers(int count) {
    this.workers = count;
    return this;
  }

  public LocalCloudBuilder leaseDir(Path dir) {
    this.leaseDir = dir;
    return this;
  }

  /** The EC2 API's port; 0 (the default) picks a free one. */
  public LocalCloudBuilder ec2Port(int port) {
    this.ec2Port = port;
    return this;
  }

  public LocalCloudBuilder ec2Region(String region) {
    this.ec2Region = region;
    return this;
  }

  /** The EC2 API's one key pair; without it, the Director's user and password. */
  public LocalCloudBuilder ec2Credentials(String accessKey, String secretKey) {
    this.ec2AccessKey = accessKey;
    this.ec2SecretKey = secretKey;
    return this;
  }

  public Ec2ApiSettings ec2Settings() {
    return new Ec2ApiSettings(
        ec2Port,
        ec2Region,
        ec2AccessKey != null ? ec2AccessKey : user,
        ec2SecretKey != null ? ec2SecretKey : Objects.requireNonNull(password, "no password"));
  }

  /** A config server value: manifests may say {@code ((name))} and VMs get the value. */
  public LocalCloudBuilder variable(String name, String value) {
    this.variables.put(name, value);
    return this;
  }

  /**
   * Off by default. On (root only): every VM address gets its own network namespace and every VM
   * process runs in it, so {@link LocalCloud#partition} can cut a VM off; see {@code
   * docs/local-cloud.md}.
   */
  public LocalCloudBuilder networkNamespaces(boolean enabled) {
    this.networkNamespaces = enabled;
    return this;
  }

  public LocalCloudSettings settings() {
    Objects.requireNonNull(stateDir, "local cloud needs a state directory");
    Objects.requireNonNull(password, "local cloud needs a Director password");
    return new LocalCloudSettings(
        stateDir.toAbsolutePath(),
        bindAddress,
        port,
        user,
        password,
        tls,
        directorName,
        temporalAddress,
        temporalNamespace,
        workflowClient,
        vmUser,
        agentLauncher,
        lockWait,
        stopGrace,
        postgresBinDir,
        pgpoolBin,
        workers,
        leaseDir,
        variables,
        networkNamespaces);
  }

  /** Builds and starts the local cloud. */
  public LocalCloud start() throws Exception {
    return LocalCloud.start(settings(), ec2Settings());
  }
}
