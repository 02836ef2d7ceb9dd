package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgpoolConfTest {

  private final HostEnvironment env = TestEnvironments.vm(Path.of("/vm"));
  private final HostLayout layout = new HostLayout(env);

  @Test
  void rendersStreamingReplicationModeWithPerVmSocketsAndClearTextFrontendAuth() {
    String conf = PgpoolConf.render(PgpoolConf.settings(env, layout, input("check-pw")));

    assertThat(conf)
        .contains("backend_clustering_mode = 'streaming_replication'\n")
        .contains("listen_addresses = '127.0.9.3'\n")
        .contains("port = 9999\n")
        .contains("pcp_port = 9898\n")
        .contains("socket_dir = '/vm/data/sock'\n")
        .contains("pcp_socket_dir = '/vm/data/sock'\n")
        .contains("wd_ipc_socket_dir = '/vm/data/sock'\n")
        .contains("pid_file_name = '/vm/data/pgpool/pgpool.pid'\n")
        .contains("enable_pool_hba = off\n")
        .contains("pool_passwd = ''\n")
        .contains("allow_clear_text_frontend_auth = on\n")
        .contains("health_check_period = 1\n")
        .contains("sr_check_period = 1\n")
        .contains("health_check_password = 'check-pw'\n")
        .contains("use_watchdog = off\n")
        .contains("backend_hostname1 = '127.0.9.3'\n")
        .contains("backend_application_name1 = 'postgres_1'\n");
  }

  @Test
  void parsesWhatItRenders() {
    Map<String, String> parsed =
        PgpoolConf.parse(PgpoolConf.render(PgpoolConf.settings(env, layout, input("pw"))));

    assertThat(parsed)
        .containsEntry("port", "9999")
        .containsEntry("backend_port0", "5432")
        .containsEntry("load_balance_mode", "on");
  }

  @Test
  void refusesValuesPgpoolCannotQuote() {
    assertThatThrownBy(() -> PgpoolConf.settings(env, layout, input("it's")))
        .hasMessageContaining("quotes");
  }

  @Test
  void refusesDuplicateBackendIds() {
    ConfigurePgpoolInput twice =
        new ConfigurePgpoolInput(
            "c",
            List.of(
                new PgpoolBackend(0, "10.0.0.1", 5432, null),
                new PgpoolBackend(0, "10.0.0.2", 5432, null)),
            "postgres",
            "pw",
            "pcp",
            "pw");

    assertThatThrownBy(() -> PgpoolConf.settings(env, layout, twice))
        .hasMessageContaining("distinct");
  }

  @Test
  void reloadsCheckAndWeightChangesButRestartsForBackendsAndPcpUsers() {
    assertThat(PgpoolRestartPolicy.needsRestart(java.util.Set.of("health_check_password"), false))
        .isFalse();
    assertThat(
            PgpoolRestartPolicy.needsRestart(
                java.util.Set.of("backend_application_name1", "sr_check_user"), false))
        .isFalse();
    assertThat(PgpoolRestartPolicy.needsRestart(java.util.Set.of("backend_hostname1"), false))
        .isTrue();
    assertThat(PgpoolRestartPolicy.needsRestart(java.util.Set.of(), true)).isTrue();
  }

  private static ConfigurePgpoolInput input(String checkPassword) {
    return new ConfigurePgpoolInput(
        "c",
        List.of(
            new PgpoolBackend(0, "127.0.9.2", 5432, "postgres_0"),
            new PgpoolBackend(1, "127.0.9.3", 5432, "postgres_1")),
        "postgres",
        checkPassword,
        "pcpadmin",
        "pcp-pw");
  }
}
