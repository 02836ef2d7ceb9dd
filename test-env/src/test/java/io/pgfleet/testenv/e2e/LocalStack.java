package io.pgfleet.testenv.e2e;

import io.pgfleet.testenv.cloud.LocalCloud;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workers.controlplane.ControlPlaneWorkerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The control plane's right-hand side for end-to-end tests, all real and in this JVM where
 * possible: the shared Temporal dev server, a local cloud (its VMs run real PostgreSQL and
 * pgpool-II) and the control-plane worker application.
 */
final class LocalStack implements AutoCloseable {

  static final String BOSH_USER = "admin";

  final Path stateDir;
  final LocalCloud cloud;
  final String boshPassword = UUID.randomUUID().toString();
  private final ConfigurableApplicationContext worker;

  private LocalStack(Path stateDir) throws Exception {
    this.stateDir = stateDir;
    SharedTemporal temporal = SharedTemporal.get();
    this.cloud =
        LocalCloud.builder()
            .stateDir(stateDir)
            .port(0)
            .credentials(BOSH_USER, boshPassword)
            .workflowClient(temporal.client())
            .temporal(temporal.server().address(), temporal.server().namespace())
            .stopGrace(Duration.ofSeconds(5))
            .start();
    this.worker =
        ControlPlaneWorkerApplication.builder()
            .run(
                "--pgfleet.temporal.address=" + temporal.server().address(),
                "--pgfleet.temporal.namespace=" + temporal.server().namespace(),
                "--pgfleet.bosh.url=" + cloud.directorUrl(),
                "--pgfleet.bosh.client=" + BOSH_USER,
                "--pgfleet.bosh.secret=" + boshPassword,
                "--pgfleet.bosh.poll-interval=200ms");
  }

  /**
   * State under /var/tmp with a short name: VM users must traverse it, sockets need short paths.
   */
  static LocalStack start() throws Exception {
    return new LocalStack(Files.createTempDirectory(Path.of("/var/tmp"), "pgfleet-e2e-"));
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
    worker.close();
    for (Path vmDir : listOrEmpty(stateDir.resolve("vms"))) {
      new VmProcesses().kill(vmDir.getFileName().toString());
    }
    cloud.close();
    try (Stream<Path> paths = Files.walk(stateDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
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
