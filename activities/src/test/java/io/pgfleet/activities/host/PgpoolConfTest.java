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
        .contains("health_check_max_retries = 2\n")
        .contains("health_check_retry_delay = 0\n")
        .contains(
            "failover_command = '/vm/data/jobs/pgpool/bin/report-failure"
                + " /vm/data/sys/run/failure-reports %d %h %p %P'\n")
        .contains("backend_hostname1 = '127.0.9.3'\n")
        .contains("backend_application_name1 = 'postgres_1'\n");
  }

  @Test
  void aPgpoolWithPeersVotesWithThemOnPortsOfItsOwnAndPromotesNothing() {
    PgpoolWatchdog watchdog = new PgpoolWatchdog(1, List.of("127.0.1.4", "127.0.9.3", "127.0.1.6"));

    Map<String, Object> s = PgpoolConf.settings(env, layout, input("pw"), watchdog);

    assertThat(s)
        .containsEntry("use_watchdog", true)
        .containsEntry("delegate_ip", "")
        .containsEntry("failover_require_consensus", true)
        .containsEntry("failover_when_quorum_exists", true)
        .containsEntry("allow_multiple_failover_requests_from_node", false)
        .containsEntry("enable_consensus_with_half_votes", false)
        .containsEntry("hostname0", "127.0.1.4")
        .containsEntry("hostname1", "127.0.9.3")
        .containsEntry("heartbeat_hostname2", "127.0.1.6")
        .containsEntry("pgpool_port2", 9999)
        .doesNotContainKeys("follow_primary_command", "hostname3");
    // loopback VMs share one machine's ports: each its own, the same number for TCP and UDP
    assertThat(s.get("wd_port0")).isEqualTo(s.get("heartbeat_port0")).isEqualTo(10_000 + 260);
    assertThat(s.get("wd_port1")).isEqualTo(10_000 + 9 * 256 + 3);
    assertThat(String.valueOf(s.get("wd_authkey"))).hasSize(32).doesNotContain("pcp-pw");
  }

  @Test
  void theWatchdogKeyBelongsToOneCluster() {
    PgpoolWatchdog watchdog = new PgpoolWatchdog(0, List.of("127.0.9.3", "127.0.9.4"));
    ConfigurePgpoolInput other =
        new ConfigurePgpoolInput(
            "other", input("pw").backends(), "postgres", "pw", "pcpadmin", "pcp-pw");

    Object key = PgpoolConf.settings(env, layout, input("pw"), watchdog).get("wd_authkey");

    assertThat(PgpoolConf.settings(env, layout, input("pw"), watchdog).get("wd_authkey"))
        .isEqualTo(key);
    assertThat(PgpoolConf.settings(env, layout, other, watchdog).get("wd_authkey"))
        .isNotEqualTo(key);
  }

  @Test
  void aWatchdogWhoseOwnMemberIsAnotherVmIsRefused() {
    PgpoolWatchdog watchdog = new PgpoolWatchdog(0, List.of("127.0.1.4", "127.0.9.3"));

    assertThatThrownBy(() -> PgpoolConf.settings(env, layout, input("pw"), watchdog))
        .hasMessageContaining("not this VM's address 127.0.9.3");
  }

  @Test
  void aPgpoolAloneRunsNoWatchdog() {
    PgpoolWatchdog alone = new PgpoolWatchdog(0, List.of("127.0.9.3"));

    assertThat(alone.enabled()).isFalse();
    assertThat(PgpoolConf.settings(env, layout, input("pw"), alone))
        .containsEntry("use_watchdog", false)
        .doesNotContainKey("hostname0");
    assertThatThrownBy(() -> new PgpoolWatchdog(2, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void separateMachinesUsePgpoolsStandardWatchdogPorts() {
    assertThat(PgpoolWatchdogPorts.watchdog("10.0.16.4")).isEqualTo(9000);
    assertThat(PgpoolWatchdogPorts.heartbeat("pgpool-0.example")).isEqualTo(9694);
    assertThat(PgpoolWatchdogPorts.watchdog("127.250.3.4"))
        .isBetween(
            PgpoolWatchdogPorts.SHARED_HOST_BASE,
            PgpoolWatchdogPorts.SHARED_HOST_BASE + PgpoolWatchdogPorts.SHARED_HOST_SPAN - 1);
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
