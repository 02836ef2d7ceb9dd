package io.pgfleet.testenv.bench.failover.patroni;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.testenv.bench.failover.FailoverRunner;
import io.pgfleet.testenv.bench.failover.RunResult;
import io.pgfleet.testenv.cloud.vm.VmProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Patroni side of bench/failover, once, with the tuned timings (ttl 10 s): a real etcd and two
 * real Patroni members, the leader killed by pid under the write probe, the member rewound back.
 */
class PatroniFailoverIT {

  @TempDir Path logs;

  @Test
  void killingTheLeaderStopsWritesForAboutTheTtlAndTheMemberComesBack() throws Exception {
    assertThat(Path.of(PatroniNode.PATRONI)).as("patroni (./pgfleet setup)").isExecutable();
    assertThat(Path.of(EtcdServer.BINARY)).as("etcd (./pgfleet setup)").isExecutable();
    List<String> progress = new ArrayList<>();
    List<Long> started;
    RunResult result;
    try (PatroniCluster cluster = new PatroniCluster(PatroniSettings.TUNED, logs)) {
      cluster.prepare();
      started = cluster.pids();

      result = new FailoverRunner(logs, progress::add).run(cluster, 1, 1);

      assertThat(cluster.pids()).as("both members and etcd run again").hasSizeGreaterThan(4);
    }

    assertThat(result.measured()).as("writes came back: %s", progress).isTrue();
    // The replica takes over once the leader key (ttl 10 s) expires; never before.
    assertThat(result.outageSeconds()).isBetween(3.0, 30.0);
    // Async replication: at most the writes in flight at the kill can be missing.
    assertThat(result.rowsLost()).isNotNull().isLessThanOrEqualTo(1);
    assertThat(progress)
        .anyMatch(line -> line.contains("killed member") && line.contains("(SIGKILL)"))
        .anyMatch(line -> line.contains("back as a streaming replica"));
    assertThat(started).noneMatch(VmProcesses::isAlive);
    assertThat(Files.list(logs).map(p -> p.getFileName().toString()))
        .contains(
            "patroni_tuned-member1.log", "patroni_tuned-member2.log", "patroni_tuned-etcd.log")
        .anyMatch(name -> name.endsWith(".acks"));
  }
}
