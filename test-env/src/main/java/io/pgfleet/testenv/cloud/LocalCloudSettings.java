package io.pgfleet.testenv.cloud;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a local cloud is set up; built with {@link LocalCloud#builder()}.
 *
 * @param port 0 picks a free port
 * @param temporalAddress written into every VM's agent configuration; also where the default
 *     launcher connects unless {@code workflowClient} is given
 * @param workflowClient an existing client for the default launcher (e.g. a test server's), or null
 * @param agentLauncher null for the default in-process {@link NodeAgentLauncher}
 * @param lockWait how long a task waits for a busy deployment lock (BOSH: 10 s)
 * @param stopGrace how long stopped processes get between SIGTERM and SIGKILL
 * @param leaseDir machine-wide directory of address leases shared by local clouds
 * @param variables the config server's values for {@code ((name))} placeholders in manifests
 * @param networkNamespaces every VM address in its own network namespace (root only), so that fault
 *     tests can partition VMs; off: every VM address is a loopback address of this host
 */
public record LocalCloudSettings(
    Path stateDir,
    String bindAddress,
    int port,
    String user,
    String password,
    boolean tls,
    String directorName,
    String temporalAddress,
    String temporalNamespace,
    WorkflowClient workflowClient,
    String vmUser,
    VmAgentLauncher agentLauncher,
    Duration lockWait,
    Duration stopGrace,
    Path postgresBinDir,
    Path pgpoolBin,
    int workers,
    Path leaseDir,
    Map<String, String> variables,
    boolean networkNamespaces) {

  public LocalCloudSettings {
    variables = Map.copyOf(variables);
  }

  /** Without the password and variable values. */
  @Override
  public String toString() {
    return "LocalCloudSettings[stateDir="
        + stateDir
        + ", director="
        + bindAddress
        + ":"
        + port
        + ", user="
        + user
        + ", temporal="
        + temporalAddress
        + "/"
        + temporalNamespace
        + ", variables="
        + variables.keySet()
        + (networkNamespaces ? ", networkNamespaces" : "")
        + "]";
  }
}
