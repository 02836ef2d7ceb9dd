package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandbyStreamProbeTest {

  @Test
  void findsTheUpstreamInTheConninfoTheAgentWrites() {
    assertThat(
            StandbyStreamProbe.upstreamHost(
                "host='127.0.1.2' port='5432' user='replicator' application_name='postgres_1'"))
        .contains("127.0.1.2");
  }

  @Test
  void findsItInConninfoAsLibpqAlsoWritesIt() {
    assertThat(
            StandbyStreamProbe.upstreamHost(
                "user=postgres passfile='/x/.pgpass' channel_binding=prefer host=10.0.0.7 port=5432"))
        .contains("10.0.0.7");
    assertThat(StandbyStreamProbe.upstreamHost("host='it\\'s'")).contains("it's");
  }

  @Test
  void noHostNoUpstream() {
    assertThat(StandbyStreamProbe.upstreamHost("")).isEmpty();
    assertThat(StandbyStreamProbe.upstreamHost(null)).isEmpty();
    assertThat(StandbyStreamProbe.upstreamHost("hostaddr=1.2.3.4 port=5432"))
        .isEqualTo(Optional.empty());
  }
}
