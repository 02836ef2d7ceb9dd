package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.testenv.bench.failover.Outage;
import io.pgfleet.testenv.bench.failover.ProbeTable;
import io.pgfleet.testenv.bench.failover.WriteProbe;
import io.pgfleet.testenv.cloud.LocalVm;
import io.pgfleet.testenv.cloud.vm.NamespaceNetwork;
import io.pgfleet.testenv.e2e.WriteTargetSampler.Sample;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: the primary cut off the network (every VM address in its own network namespace; root
 * only) is fenced before the standby is promoted, and at no moment do two writable primaries take
 * writes through the pgpools. Skipped, with the reason, where namespaces cannot be made.
 */
class PartitionFaultIT {

  /** Writes through every pgpool after the cluster is whole, to see the old primary stay away. */
  private static final Duration AFTER_WHOLE = Duration.ofSeconds(3);

  private static LocalStack stack;
  private static FaultCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    String unusable = NamespaceNetwork.unusableReason();
    Assumptions.assumeTrue(
        unusable.isEmpty(), "PartitionFaultIT skipped: " + unusable + " (needs root and ip netns)");
    stack = LocalStack.start(true);
    cluster = FaultCluster.provisionAndBind(stack);
    try (Connection c = cluster.endpoint().connect()) {
      ProbeTable.create(c);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aPartitionedPrimaryIsFencedBeforeThePromotionAndNeverTwoPrimariesTakeWrites()
      throws Exception {
    LocalVm primary = cluster.vm("primary");
    LocalVm standby = cluster.vm("standby");
    List<LocalVm> pgpools = IntStream.range(0, 3).mapToObj(cluster::pgpool).toList();
    Set<String> known = cluster.failoverIds();
    long partitionAt;
    long partitionDone;
    long healAt;
    JsonNode failover;
    Outage outage;
    List<Long> oldPrimaryProcessesAtResume;
    List<Sample> samples;
    try (WriteTargetSampler sampler = WriteTargetSampler.start(cluster.endpoint(), pgpools);
        WriteProbe probe = cluster.startProbe("partition")) {
      partitionAt = System.currentTimeMillis();
      stack.cloud.partition(cluster.deployment, primary.instanceGroup(), primary.index());
      partitionDone = System.currentTimeMillis();
      assertThat(stack.vmProcesses(List.of(primary)))
          .as("a partition leaves the primary's processes running")
          .isNotEmpty();
      try {
        // Writes resume once promoted and re-routed, after the fence was proven under the
        // partition; healing then lets the rebuild reach the new primary.
        outage =
            probe
                .awaitOutageEnd(partitionAt, partitionDone, FaultCluster.OPERATION_BOUND)
                .orElseThrow(() -> new AssertionError("no write after the partition"));
        oldPrimaryProcessesAtResume = stack.vmProcesses(List.of(primary));
      } finally {
        healAt = System.currentTimeMillis();
        stack.cloud.heal(cluster.deployment, primary.instanceGroup(), primary.index());
      }
      failover = cluster.awaitFinishedFailover(known);
      cluster.awaitWhole();
      Thread.sleep(AFTER_WHOLE.toMillis());
      sampler.close();
      samples = sampler.samples();
    }

    assertThat(failover.path("state").asText()).as(failover.toString()).isEqualTo("succeeded");
    assertThat(oldPrimaryProcessesAtResume)
        .as("the partitioned primary was powered off before writes resumed")
        .isEmpty();
    long fenceStart = stepTime(failover, "fence", "started_at");
    long provenAt = stepTime(failover, "prove fenced", "finished_at");
    long promoteStart = stepTime(failover, "promote", "started_at");
    assertThat(fenceStart).as("fence starts before promote").isLessThan(promoteStart);
    assertThat(provenAt).as("fencing proven before promote").isLessThanOrEqualTo(promoteStart);

    String oldAddress = primary.address();
    String newAddress = standby.address();
    assertThat(samples.stream().map(Sample::server).collect(Collectors.toSet()))
        .as("servers that took writes through pgpool")
        .containsExactlyInAnyOrder(oldAddress, newAddress);
    long lastOldEnd =
        samples.stream()
            .filter(s -> s.server().equals(oldAddress))
            .mapToLong(Sample::endMillis)
            .max()
            .orElseThrow();
    long firstNewStart =
        samples.stream()
            .filter(s -> s.server().equals(newAddress))
            .mapToLong(Sample::startMillis)
            .min()
            .orElseThrow();
    assertThat(lastOldEnd)
        .as("the old primary's last write ended before the new one's first began (one switch)")
        .isLessThan(firstNewStart);
    assertThat(lastOldEnd)
        .as("no write reached the old primary after the promotion")
        .isLessThan(promoteStart);
    for (int i = 0; i < 3; i++) {
      int pgpool = i;
      assertThat(samples)
          .as("pgpool/%d routes to the new primary after the heal", pgpool)
          .anyMatch(
              s ->
                  s.pgpool() == pgpool
                      && s.startMillis() > healAt
                      && s.server().equals(newAddress));
    }

    assertThat(cluster.vm("primary").instanceId()).isEqualTo(standby.instanceId());
    assertThat(cluster.vm("standby").instanceId()).isEqualTo(primary.instanceId());
    cluster.assertStreamingStandby(cluster.vm("standby"));
    System.out.printf(
        "partition: writes stopped for %.2f s; partition -> fence %d ms, fence -> proven %d ms,"
            + " proven -> promote %d ms; %d write-target samples, last on old primary %d ms"
            + " before first on new; partitioned for %d ms%n",
        outage.seconds(),
        fenceStart - partitionAt,
        provenAt - fenceStart,
        promoteStart - provenAt,
        samples.size(),
        firstNewStart - lastOldEnd,
        healAt - partitionAt);
  }

  /** Epoch ms of a step's {@code started_at} / {@code finished_at} (ISO text or seconds). */
  private static long stepTime(JsonNode op, String step, String field) {
    JsonNode value =
        StreamSupport.stream(op.path("steps").spliterator(), false)
            .filter(s -> step.equals(s.path("name").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step '" + step + "' in " + op))
            .path(field);
    if (value.isNumber()) {
      return Math.round(value.asDouble() * 1000);
    }
    return Instant.parse(value.asText()).toEpochMilli();
  }
}
