package io.pgfleet.testenv.cloud;

import io.pgfleet.testenv.cloud.director.DirectorContext;
import io.pgfleet.testenv.cloud.director.DirectorHttpServer;
import io.pgfleet.testenv.cloud.director.DirectorTls;
import io.pgfleet.testenv.cloud.ec2.Ec2ApiSettings;
import io.pgfleet.testenv.cloud.ec2.Ec2Cloud;
import io.pgfleet.testenv.cloud.jobs.AgentResumer;
import io.pgfleet.testenv.cloud.jobs.JobFactory;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.InstanceRecord;
import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.DeploymentLocks;
import io.pgfleet.testenv.cloud.task.TaskOutputs;
import io.pgfleet.testenv.cloud.task.TaskRunner;
import io.pgfleet.testenv.cloud.vm.AddressAllocator;
import io.pgfleet.testenv.cloud.vm.ListeningSockets;
import io.pgfleet.testenv.cloud.vm.NamespaceNetwork;
import io.pgfleet.testenv.cloud.vm.VmLayout;
import io.pgfleet.testenv.cloud.vm.VmManager;
import io.pgfleet.testenv.cloud.vm.VmNetwork;
import io.pgfleet.testenv.cloud.vm.VmSettings;
import io.pgfleet.testenv.cloud.vm.VmUser;
import io.pgfleet.workers.node.NodeAgentConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cloud: a BOSH Director double speaking the Director's HTTP API, whose "VMs" are
 * directories, loopback addresses 127.0.x.y and node agents (with the processes they start). All
 * state lives in the state directory and survives a restart; closing stops the Director and the
 * agents but leaves VM processes running, as restarting a real Director would.
 */
public final class LocalCloud implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);

  private final LocalCloudSettings settings;
  private final StateStore store;
  private final VmManager vms;
  private final TaskRunner tasks;
  private final TemporalConnection temporal;
  private final DirectorHttpServer http;
  private final DirectorTls.Material tls;
  private final Ec2Cloud ec2;

  private LocalCloud(
      LocalCloudSettings settings,
      StateStore store,
      VmManager vms,
      TaskRunner tasks,
      TemporalConnection temporal,
      DirectorHttpServer http,
      DirectorTls.Material tls,
      Ec2Cloud ec2) {
    this.settings = settings;
    this.store = store;
    this.vms = vms;
    this.tasks = tasks;
    this.temporal = temporal;
    this.http = http;
    this.tls = tls;
    this.ec2 = ec2;
  }

  public static LocalCloudBuilder builder() {
    return new LocalCloudBuilder();
  }

  static LocalCloud start(LocalCloudSettings settings, Ec2ApiSettings ec2Settings)
      throws Exception {
    InetAddress bind = InetAddress.getByName(settings.bindAddress());
    if (!bind.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "The local cloud binds loopback addresses only, not " + settings.bindAddress());
    }
    Path stateDir = StateDirs.prepare(settings.stateDir());
    StateStore store = StateStore.open(stateDir);
    VmUser user = VmUser.resolve(settings.vmUser());
    StateDirs.warnIfUntraversable(stateDir, user);
    TemporalConnection temporal = new TemporalConnection(settings);
    VmAgentLauncher launcher =
        settings.agentLauncher() != null
            ? settings.agentLauncher()
            : new NodeAgentLauncher((NodeAgentConfig.Temporal target) -> temporal.client(target));
    VmNetwork network = network(settings, stateDir);
    VmManager vms =
        new VmManager(
            new VmLayout(stateDir),
            new VmSettings(
                settings.temporalAddress(),
                settings.temporalNamespace(),
                user.name(),
                settings.postgresBinDir(),
                settings.pgpoolBin(),
                settings.stopGrace(),
                settings.variables()),
            user,
            launcher,
            new AddressAllocator(settings.leaseDir(), stateDir, new ListeningSockets()),
            network);
    TaskOutputs outputs = new TaskOutputs(stateDir.resolve("tasks"));
    DeploymentLocks locks = new DeploymentLocks();
    TaskRunner tasks =
        new TaskRunner(
            store,
            outputs,
            locks,
            settings.lockWait(),
            new JobFactory(store, vms),
            settings.workers());
    try {
      AgentResumer.resume(store, vms);
      tasks.recover();
      DirectorTls.Material tls =
          settings.tls() ? DirectorTls.loadOrCreate(stateDir, settings.bindAddress()) : null;
      DirectorHttpServer http =
          DirectorHttpServer.start(
              new InetSocketAddress(bind, settings.port()),
              tls == null ? null : tls.context(),
              new DirectorContext(settings.directorName(), store, tasks, outputs, locks, vms),
              settings.user(),
              settings.password());
      LOG.info("BOSH Director double listening on {}", http.url());
      Ec2Cloud ec2;
      try {
        ec2 = Ec2Cloud.start(bind, ec2Settings, store, vms);
      } catch (Exception e) {
        http.close();
        throw e;
      }
      return new LocalCloud(settings, store, vms, tasks, temporal, http, tls, ec2);
    } catch (Exception e) {
      // e.g. the port is taken: stop what already runs, leave the VMs' processes alone
      tasks.close();
      vms.close();
      temporal.close();
      throw e;
    }
  }

  private static VmNetwork network(LocalCloudSettings settings, Path stateDir) {
    if (!settings.networkNamespaces()) {
      return VmNetwork.SHARED_LOOPBACK;
    }
    String unusable = NamespaceNetwork.unusableReason();
    if (!unusable.isEmpty()) {
      throw new IllegalStateException(
          "The local cloud cannot give VMs network namespaces: " + unusable);
    }
    return new NamespaceNetwork(stateDir);
  }

  /** The Director's base URL, e.g. {@code https://127.0.0.1:25555}. */
  public URI directorUrl() {
    return http.url();
  }

  /** The EC2-compatible API's endpoint, e.g. {@code http://127.0.0.1:8773}. */
  public URI ec2Endpoint() {
    return ec2.endpoint();
  }

  /** The region EC2 requests must be signed for. */
  public String ec2Region() {
    return ec2.region();
  }

  /** The CA certificate (PEM) to trust, when TLS is on. */
  public Optional<String> caCertPem() {
    return Optional.ofNullable(tls).map(DirectorTls.Material::caPem);
  }

  /** {@code <state>/director-ca.pem}, when TLS is on. */
  public Optional<Path> caCertFile() {
    return Optional.ofNullable(tls).map(DirectorTls.Material::caFile);
  }

  public String directorUuid() {
    return store.get().uuid();
  }

  public Path stateDir() {
    return settings.stateDir();
  }

  public Optional<LocalVm> vm(String deployment, String instanceGroup, int index) {
    return store
        .deployment(deployment)
        .flatMap(d -> d.instance(instanceGroup, index))
        .map(i -> view(deployment, i));
  }

  public List<LocalVm> vms(String deployment) {
    return store.deployment(deployment).map(DeploymentRecord::instances).orElse(List.of()).stream()
        .map(i -> view(deployment, i))
        .toList();
  }

  /** What {@code instances?format=full} reports as job_state right now. */
  public String jobState(String deployment, String instanceGroup, int index) {
    return vms.jobState(instance(deployment, instanceGroup, index));
  }

  /**
   * Pulls the plug on a VM: SIGKILL to every process carrying its PGFLEET_VM_ID, and its agent
   * stopped. The VM stays, powered off (EC2 state stopped), and reports failing until someone
   * starts or recreates it.
   */
  public void powerOff(String deployment, String instanceGroup, int index)
      throws InterruptedException {
    vms.powerOff(instance(deployment, instanceGroup, index));
  }

  /**
   * Kills every process of a VM and its agent, leaving the VM "running" for the IaaS (a fault
   * test's crash, unlike {@link #powerOff}); BOSH reports it failing until it is started or
   * recreated.
   */
  public void crash(String deployment, String instanceGroup, int index)
      throws InterruptedException {
    vms.crash(instance(deployment, instanceGroup, index));
  }

  /**
   * Cuts the VM off the network (only with {@link LocalCloudBuilder#networkNamespaces}): its
   * address neither sends nor receives; its processes keep running. Its agent, which runs in this
   * process, still reaches Temporal, and its IaaS power state is unaffected.
   */
  public void partition(String deployment, String instanceGroup, int index) {
    vms.network().partition(instance(deployment, instanceGroup, index).address());
  }

  /** Undoes {@link #partition}. */
  public void heal(String deployment, String instanceGroup, int index) {
    vms.network().heal(instance(deployment, instanceGroup, index).address());
  }

  @Override
  public void close() {
    ec2.close();
    http.close();
    tasks.close();
    vms.close();
    temporal.close();
    LOG.info("Local cloud {} stopped", settings.stateDir());
  }

  private InstanceRecord instance(String deployment, String group, int index) {
    return store
        .deployment(deployment)
        .flatMap(d -> d.instance(group, index))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No instance " + group + "/" + index + " in deployment " + deployment));
  }

  private LocalVm view(String deployment, InstanceRecord i) {
    VmLayout layout = vms.layout();
    return new LocalVm(
        deployment,
        i.group(),
        i.index(),
        i.id(),
        i.vmCid(),
        i.address(),
        i.hasVm() ? layout.vmDir(i.vmCid()) : null,
        i.diskCid(),
        i.diskCid() != null || i.hasVm() ? layout.storeDir(i) : null,
        i.state(),
        i.diskSizeMb());
  }
}
