package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.activities.host.StandbyStreamProbe.Observation;
import io.pgfleet.workflows.cluster.DataPlaneReport;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamLossWatchTest {

  private static final Optional<Observation> STREAMING =
      Optional.of(new Observation(true, true, "127.0.1.2"));
  private static final Optional<Observation> LOST =
      Optional.of(new Observation(true, false, "127.0.1.2"));

  private final StreamLossWatch watch = new StreamLossWatch("postgres/1");

  @Test
  void aStreamLostForLongerThanTheToleranceIsReportedOnce() {
    watch.observe(STREAMING, 0);
    assertThat(watch.observe(LOST, 500)).isEmpty();
    assertThat(watch.observe(LOST, 2_500)).as("exactly the tolerance").isEmpty();

    Optional<DataPlaneReport> report = watch.observe(LOST, 2_501);

    assertThat(report)
        .hasValueSatisfying(
            r -> {
              assertThat(r.reporter()).isEqualTo("postgres/1");
              assertThat(r.suspectAddress()).isEqualTo("127.0.1.2");
              assertThat(r.atMillis()).isEqualTo(500);
              assertThat(r.detail()).contains("127.0.1.2").contains("2001 ms");
            });
    assertThat(watch.observe(LOST, 3_000)).isEmpty();
    assertThat(watch.observe(LOST, 60_000)).isEmpty();
  }

  @Test
  void aBlipShorterThanTheToleranceIsNotReported() {
    watch.observe(STREAMING, 0);
    watch.observe(LOST, 500);
    watch.observe(LOST, 2_000);
    watch.observe(STREAMING, 2_400);

    assertThat(watch.observe(LOST, 3_000)).isEmpty();
    assertThat(watch.observe(LOST, 4_900)).isEmpty();
  }

  @Test
  void eachLossAfterStreamingAgainIsReported() {
    watch.observe(STREAMING, 0);
    watch.observe(LOST, 1_000);
    assertThat(watch.observe(LOST, 3_100)).isPresent();
    watch.observe(STREAMING, 4_000);
    watch.observe(LOST, 5_000);

    assertThat(watch.observe(LOST, 7_100))
        .hasValueSatisfying(r -> assertThat(r.atMillis()).isEqualTo(5_000));
  }

  @Test
  void aStandbyThatNeverStreamedUnderWatchIsNotReported() {
    assertThat(watch.observe(LOST, 0)).isEmpty();
    assertThat(watch.observe(LOST, 10_000)).isEmpty();
  }

  @Test
  void aLocalServerThatIsDownOrAPrimaryIsNoEvidenceAgainstTheUpstream() {
    watch.observe(STREAMING, 0);
    watch.observe(Optional.empty(), 500); // the standby itself went down
    assertThat(watch.observe(LOST, 5_000)).isEmpty();

    watch.observe(STREAMING, 6_000);
    watch.observe(Optional.of(new Observation(false, false, "")), 6_500); // promoted
    assertThat(watch.observe(LOST, 10_000)).isEmpty();
  }

  @Test
  void theSuspectIsTheCurrentlyConfiguredUpstream() {
    Optional<Observation> repointed = Optional.of(new Observation(true, false, "127.0.1.9"));
    watch.observe(STREAMING, 0);
    watch.observe(repointed, 100); // primary_conninfo reloaded to a new primary

    assertThat(watch.observe(repointed, 2_101))
        .hasValueSatisfying(r -> assertThat(r.suspectAddress()).isEqualTo("127.0.1.9"));
  }
}
