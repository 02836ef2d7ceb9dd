package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PgpoolWatchdogStatus;
import io.pgfleet.workflows.host.RerouteInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * pgpool-II 4.3 on this VM: configuration in {@code <dataDir>/pgpool}, sockets in {@code
 * <dataDir>/sock}, log {@code <dataDir>/sys/log/pgpool.log}, pid file {@code
 * <dataDir>/sys/run/pgpool.pid} while it should run. With a {@link PgpoolWatchdog} the cluster's
 * pgpools vote before a backend is detached; every detach leaves a {@link PgpoolFailureReport}.
 */
public final class PgpoolHostActivitiesImpl implements PgpoolHostActivities {

  private final HostEnvironment env;
  private final HostLayout layout;
  private final HostFiles files;
  private final PgpoolProcess process;
  private final PgpoolStatusReader statusReader;
  private final AppliedStamp applied;
  private final PgpoolRouting routing;
  private final PgpoolSwitchover switchover;
  private final PgpoolWatchdog watchdog;
  private final PcpCommands pcp;

  /** A lone pgpool, without a watchdog. */
  public PgpoolHostActivitiesImpl(HostEnvironment env) {
    this(env, PgpoolWatchdog.NONE);
  }

  public PgpoolHostActivitiesImpl(HostEnvironment env, PgpoolWatchdog watchdog) {
    this.env = env;
    this.watchdog = watchdog;
    this.layout = new HostLayout(env);
    this.files = new HostFiles(env);
    HostCommandRunner runner = new HostCommandRunner(env);
    this.process = new PgpoolProcess(env, layout, runner, new PidFiles(layout, files));
    this.statusReader = new PgpoolStatusReader(env, layout, runner, process);
    this.applied = new AppliedStamp(layout.runDir().resolve("pgpool.applied"), files);
    this.pcp = new PcpCommands(env, layout, runner, process);
    this.routing = new PgpoolRouting(env, statusReader, pcp);
    this.switchover = new PgpoolSwitchover(env, statusReader, pcp);
  }

  /**
   * Unchanged configuration on a running pgpool is left alone; otherwise the files are rewritten
   * and pgpool started, reloaded or restarted. "Unchanged" compares with what the running pgpool
   * loaded (the applied stamp), so a retry finishes an interrupted reload.
   */
  @Override
  public synchronized PgpoolNodeStatus configure(ConfigurePgpoolInput input) {
    String conf = PgpoolConf.render(PgpoolConf.settings(env, layout, input, watchdog));
    PcpFiles pcp = PcpFiles.from(input.pcpUser(), input.pcpPassword());
    prepare();
    List<String> before =
        applied
            .read(2)
            .orElseGet(
                () ->
                    List.of(
                        HostFiles.read(process.confFile()).orElse(""),
                        HostFiles.read(process.pcpConfFile()).orElse("")));
    files.update(process.confFile(), conf);
    files.update(process.pcpConfFile(), pcp.pcpConf());
    files.update(process.pcpPassFile(), pcp.pcpPass());
    if (!process.isRunning()) {
      process.start();
    } else if (!before.equals(List.of(conf, pcp.pcpConf()))) {
      Set<String> changed =
          SettingsDiff.changedNames(PgpoolConf.parse(before.get(0)), PgpoolConf.parse(conf));
      boolean pcpChanged = !before.get(1).equals(pcp.pcpConf());
      if (PgpoolRestartPolicy.needsRestart(changed, pcpChanged)) {
        process.restart();
      } else {
        process.reload();
      }
    }
    process.start(); // running by now: only makes sure the pid file is recorded
    applied.record(List.of(conf, pcp.pcpConf()));
    return statusReader.read();
  }

  @Override
  public synchronized PgpoolNodeStatus stop() {
    process.stop();
    return statusReader.read();
  }

  @Override
  public PgpoolNodeStatus status() {
    return statusReader.read();
  }

  @Override
  public synchronized PgpoolNodeStatus reroute(RerouteInput input) {
    return routing.reroute(input);
  }

  @Override
  public synchronized PgpoolNodeStatus attachBackend(int backendId) {
    return routing.attach(backendId);
  }

  private void prepare() {
    layout.checkSocketPath(env.pgpoolPort());
    layout.checkSocketPath(env.pcpPort());
    files.ensureDir(env.dataDir());
    files.ensureDir(layout.pgpoolDir());
    files.ensureDir(layout.socketDir());
    files.ensureDir(layout.sysDir());
    files.ensureDir(layout.runDir());
    files.ensureDir(layout.logDir());
    PgpoolFailureHook.install(env, files);
    // pgpool reads its watchdog id from this file beside pgpool.conf
    Path nodeId = layout.pgpoolDir().resolve("pgpool_node_id");
    if (watchdog.enabled()) {
      files.update(nodeId, watchdog.ownId() + "\n");
    } else {
      HostFiles.delete(nodeId);
    }
  }

  @Override
  public PgpoolWatchdogStatus watchdog() {
    if (!watchdog.enabled()) {
      return new PgpoolWatchdogStatus(false, 0, 0, "", "");
    }
    if (!process.isRunning()) {
      return new PgpoolWatchdogStatus(true, 0, 0, "pgpool not running", "");
    }
    return PgpoolWatchdogInfo.parse(pcp.watchdogInfo().output());
  }

  @Override
  public synchronized PgpoolNodeStatus switchPrimary(RerouteInput input) {
    return switchover.run(input);
  }
}
