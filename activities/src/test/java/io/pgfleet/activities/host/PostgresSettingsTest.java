package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

  private final HostEnvironment env = TestEnvironments.vm(Path.of("/vm"));
  private final HostLayout layout = new HostLayout(env);

  @Test
  void theVmsOwnSettingsWinOverThePlan() {
    Map<String, String> settings =
        PostgresSettings.primary(
            env, layout, Map.of("Shared_Buffers", "256MB", "listen_addresses", "*"));

    assertThat(settings)
        .containsEntry("shared_buffers", "256MB")
        .containsEntry("listen_addresses", "127.0.9.3")
        .containsEntry("unix_socket_directories", "/vm/data/sock")
        .containsEntry("wal_level", "replica")
        .containsEntry("hot_standby", "on")
        .containsEntry("wal_log_hints", "on")
        .doesNotContainKey("primary_conninfo");
  }

  @Test
  void aStandbyStreamsAsItsNodeNameWithThePasswordInAFile() {
    PostgresSettings.Upstream upstream =
        new PostgresSettings.Upstream("127.0.9.2", 5432, "postgres_1", "replicator");

    Map<String, String> settings = PostgresSettings.standby(env, layout, Map.of(), upstream);

    assertThat(settings.get("primary_conninfo"))
        .isEqualTo(
            "host='127.0.9.2' port='5432' user='replicator' application_name='postgres_1'"
                + " passfile='/vm/store/pgfleet/pgpass'");
    assertThat(settings).containsEntry("primary_slot_name", "postgres_1");
    assertThat(PostgresSettings.upstreamAddress(settings)).hasValue("127.0.9.2:5432");
  }

  @Test
  void refusesAPlanParameterThatIsNoSettingName() {
    assertThatThrownBy(() -> PostgresSettings.primary(env, layout, Map.of("a = 1 #", "x")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureType.INVALID_INPUT.name()));
  }
}
