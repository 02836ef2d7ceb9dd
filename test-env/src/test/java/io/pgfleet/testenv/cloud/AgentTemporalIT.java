package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.activities.bosh.ManifestActivitiesImpl;
import io.pgfleet.activities.bosh.ManifestSettings;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.workers.node.NodeAgentConfig;
import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node agent's Temporal frontend comes from the manifest's {@code pgfleet.temporal} properties
 * when they are there, as a real job template would render them, and from the local cloud's own
 * settings otherwise; the payload codec keys from {@code pgfleet.codec.keys}, a config server
 * variable the Director fills in.
 */
class AgentTemporalIT {

  private static final String KEYS = EncryptionKeys.newKeySpec("k1");

  @TempDir Path stateDir;
  private TestCloud test;
  private DirectorClient client;

  @BeforeEach
  void start() throws Exception {
    test = TestCloud.start(stateDir, Map.of("pgfleet_codec_keys", KEYS));
    client = test.client;
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void theManifestsTemporalPropertiesWinAndTheirAbsenceKeepsTheDefaults() throws Exception {
    String manifest =
        TestManifests.cluster("pg-t", 1, 1)
            .replaceFirst(
                "role_hint: postgres",
                "role_hint: postgres\n"
                    + "      pgfleet:\n"
                    + "        temporal: {address: '10.9.8.7:7233', namespace: fleet-a}");

    assertThat(client.deploy(manifest).get("state").asText()).isEqualTo("done");

    NodeAgentConfig postgres = agentConfig("pg-t", "postgres");
    NodeAgentConfig pgpool = agentConfig("pg-t", "pgpool");
    assertThat(postgres.temporal())
        .isEqualTo(new NodeAgentConfig.Temporal("10.9.8.7:7233", "fleet-a"));
    assertThat(pgpool.temporal())
        .isEqualTo(new NodeAgentConfig.Temporal("127.0.0.1:7233", "default"));
    assertThat(test.launcher.started())
        .extracting(NodeAgentConfig::temporal)
        .contains(new NodeAgentConfig.Temporal("10.9.8.7:7233", "fleet-a"));
  }

  @Test
  void aManifestRenderedByTheControlPlaneDeploysAndPointsEveryAgentAtItsTemporal()
      throws Exception {
    ManifestSettings settings =
        ManifestSettings.defaults("127.0.0.1:17233", "pgfleet")
            .withCodecKeys(ManifestSettings.CODEC_KEYS_VARIABLE);
    String manifest =
        new ManifestActivitiesImpl(settings)
            .renderCluster(new ClusterManifestInput("c-42", "pgfleet-c-42", PlanCatalog.SMALL));

    assertThat(client.deploy(manifest).get("state").asText()).isEqualTo("done");

    assertThat(test.cloud.vms("pgfleet-c-42")).hasSize(5);
    for (LocalVm vm : test.cloud.vms("pgfleet-c-42")) {
      NodeAgentConfig config = NodeAgentConfig.read(vm.agentConfigFile());
      assertThat(config.temporal())
          .isEqualTo(new NodeAgentConfig.Temporal("127.0.0.1:17233", "pgfleet", KEYS));
      assertThat(config.properties()).containsKey("pgfleet");
      Map<?, ?> pgfleet = (Map<?, ?>) config.properties().get("pgfleet");
      assertThat(pgfleet.containsKey("cluster_id")).isTrue();
      assertThat(pgfleet.containsKey("codec"))
          .as("the keys are rendered once, into temporal.codec_keys")
          .isFalse();
    }
    assertThat(
            DirectorClient.instance(client.instances("pgfleet-c-42"), "postgres", 1)
                .get("disk_cid")
                .asText())
        .startsWith("disk-");
  }

  @Test
  void aVariableTheConfigServerLacksFailsTheDeployNamingIt() throws Exception {
    String manifest =
        TestManifests.cluster("pg-v", 1, 1)
            .replaceFirst(
                "role_hint: postgres",
                "role_hint: postgres\n"
                    + "      pgfleet:\n"
                    + "        codec: {keys: ((nowhere))}");

    JsonNode task = client.deploy(manifest);

    assertThat(task.get("state").asText()).isEqualTo("error");
    assertThat(task.get("result").asText())
        .contains("Failed to find variable 'nowhere' from config server");
  }

  private NodeAgentConfig agentConfig(String deployment, String group) throws Exception {
    return NodeAgentConfig.read(
        test.cloud.vm(deployment, group, 0).orElseThrow().agentConfigFile());
  }
}
