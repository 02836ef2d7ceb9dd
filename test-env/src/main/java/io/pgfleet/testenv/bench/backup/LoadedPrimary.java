package io.pgfleet.testenv.bench.backup;

import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.ArchiveStatus;
import io.pgfleet.workflows.host.PostgresCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A primary as the benchmarks start from: one VM of the local cloud, bootstrapped and archiving
 * into the cluster's stanza, filled by pgbench, its WAL archived.
 */
record LoadedPrimary(LocalVm vm, Topology topology, BenchDatabase db) {

  /** bootstrap and configureArchiving: seconds each; this bounds a broken agent. */
  private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(10);

  static LoadedPrimary start(BenchStack stack, BenchArgs args, Path runDir) throws Exception {
    Progress.say("deploying one postgres VM (cluster %s)", stack.clusterId);
    LocalVm vm = stack.deployPrimary();
    String password = UUID.randomUUID().toString();
    ArchiveStatus archiving =
        stack
            .workflow(BenchPrimaryWorkflow.class, "prepare", PREPARE_TIMEOUT)
            .prepare(
                new BenchPrimaryWorkflow.Input(
                    stack.clusterId,
                    NodeAgentConfig.taskQueue(stack.deployment, vm.instanceId()),
                    new PostgresCredentials(password, "replicator", password),
                    stack.archive));
    if (!archiving.repositoryChecked()) {
      throw new IllegalStateException("archiving on " + vm.address() + " is not checked");
    }
    Progress.say(
        "primary %s bootstrapped, archiving into stanza %s", vm.address(), stack.clusterId);
    BenchDatabase db = new BenchDatabase(vm.address(), password);
    long start = System.nanoTime();
    Progress.say("loading: pgbench -i -s %d (log %s)", args.scale(), runDir.resolve("pgbench.log"));
    PgbenchLoad.run(
        args.pgBinDir().resolve("pgbench"), db, args.scale(), runDir.resolve("pgbench.log"));
    Progress.say("loaded in %.1f s; waiting for the archive", (System.nanoTime() - start) / 1e9);
    String segment = db.settleArchive();
    Progress.say("archive holds %s", segment);
    Topology topology =
        new Topology(
            stack.deployment,
            List.of(
                new ClusterNode("postgres", 0, vm.instanceId(), vm.address(), NodeRole.PRIMARY)));
    return new LoadedPrimary(vm, topology, db);
  }
}
