package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import java.util.Map;
import java.util.Set;

/**
 * pgpool-II 4.3 on this VM: configuration in {@code <dataDir>/pgpool}, sockets in {@code
 * <dataDir>/sock}, log {@code <dataDir>/sys/log/pgpool.log}, pid file {@code
 * <dataDir>/sys/run/pgpool.pid} while it should run.
 */
public final class PgpoolHostActivitiesImpl implements PgpoolHostActivities {

  private final HostEnvironment env;
  private final HostLayout layout;
  private final HostFiles files;
  private final PgpoolProcess process;
  private final PgpoolStatusReader statusReader;

  public PgpoolHostActivitiesImpl(HostEnvironment env) {
    this.env = env;
    this.layout = new HostLayout(env);
    this.files = new HostFiles(env);
    HostCommandRunner runner = new HostCommandRunner(env);
    this.process = new PgpoolProcess(env, layout, runner, new PidFiles(layout, files));
    this.statusReader = new PgpoolStatusReader(env, layout, runner, process);
  }

  @Override
  public synchronized PgpoolNodeStatus configure(ConfigurePgpoolInput input) {
    Map<String, Object> settings = PgpoolConf.settings(env, layout, input);
    PcpFiles pcp = PcpFiles.from(input.pcpUser(), input.pcpPassword());
    prepare();
    Map<String, String> before =
        HostFiles.read(process.confFile()).map(PgpoolConf::parse).orElse(Map.of());
    boolean confChanged = files.update(process.confFile(), PgpoolConf.render(settings));
    boolean pcpChanged = files.update(process.pcpConfFile(), pcp.pcpConf());
    files.update(process.pcpPassFile(), pcp.pcpPass());
    if (!process.isRunning()) {
      process.start();
    } else if (confChanged || pcpChanged) {
      Set<String> changed =
          SettingsDiff.changedNames(
              before, HostFiles.read(process.confFile()).map(PgpoolConf::parse).orElseThrow());
      if (PgpoolRestartPolicy.needsRestart(changed, pcpChanged)) {
        process.restart();
      } else {
        process.reload();
      }
    }
    process.start(); // running already: only makes sure the pid file is recorded
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

  private void prepare() {
    layout.checkSocketPath(env.pgpoolPort());
    layout.checkSocketPath(env.pcpPort());
    files.ensureDir(env.dataDir());
    files.ensureDir(layout.pgpoolDir());
    files.ensureDir(layout.socketDir());
    files.ensureDir(layout.sysDir());
    files.ensureDir(layout.runDir());
    files.ensureDir(layout.logDir());
  }
}
