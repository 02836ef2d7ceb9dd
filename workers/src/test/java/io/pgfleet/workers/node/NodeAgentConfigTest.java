package io.pgfleet.workers.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.codec.EncryptionKeys;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codec keys reach the agent through its rendered configuration, and go no further. */
class NodeAgentConfigTest {

  private static final String KEYS = EncryptionKeys.newKeySpec("k1");

  @TempDir Path dir;

  @Test
  void keysSurviveTheFileWhichOnlyItsOwnerMayRead() throws Exception {
    Path file = dir.resolve("jobs/node-agent/config/agent.json");
    NodeAgentConfig config = config(new NodeAgentConfig.Temporal("127.0.0.1:7233", "ns", KEYS));

    config.write(file);

    assertThat(NodeAgentConfig.read(file)).isEqualTo(config);
    assertThat(Files.readString(file)).contains("\"codec_keys\"");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(config.toString()).doesNotContain(KEYS.substring(3)).contains("codecKeys=***");
  }

  @Test
  void aCommandPrefixSurvivesTheFileAndReachesTheHostEnvironment() throws Exception {
    Path file = dir.resolve("agent.json");
    List<String> prefix = List.of("/usr/bin/nsenter", "--net=/run/netns/vm", "--");
    NodeAgentConfig config =
        config(new NodeAgentConfig.Temporal("127.0.0.1:7233", "ns")).withCommandPrefix(prefix);

    config.write(file);

    assertThat(Files.readString(file)).contains("\"command_prefix\"");
    assertThat(NodeAgentConfig.read(file).commandPrefix()).isEqualTo(prefix);
    assertThat(HostEnvironments.from(config).commandPrefix()).isEqualTo(prefix);
    assertThat(config(config.temporal()).commandPrefix()).isEmpty();
  }

  @Test
  void aTargetWithKeysGetsTheEncryptingConverterAndOneWithoutKeepsTheDefault() {
    WorkflowClientOptions encrypted =
        NodeAgent.clientOptions(new NodeAgentConfig.Temporal("127.0.0.1:7233", "ns", KEYS));
    WorkflowClientOptions plain =
        NodeAgent.clientOptions(new NodeAgentConfig.Temporal("127.0.0.1:7233", "ns"));

    assertThat(encrypted.getNamespace()).isEqualTo("ns");
    assertThat(encrypted.getDataConverter()).isInstanceOf(CodecDataConverter.class);
    assertThat(plain.getDataConverter() instanceof CodecDataConverter).isFalse();
  }

  private NodeAgentConfig config(NodeAgentConfig.Temporal temporal) {
    return new NodeAgentConfig(
        "d",
        "postgres",
        0,
        "id-0",
        "vm-1",
        "127.0.9.3",
        temporal,
        dir.resolve("store"),
        dir.resolve("data"),
        null,
        NodeAgentConfig.DEFAULT_POSTGRES_BIN,
        NodeAgentConfig.DEFAULT_PGPOOL_BIN,
        5432,
        9999,
        9898,
        Map.of("pgfleet", Map.of("cluster_id", "c")),
        Map.of("postgres", List.of()));
  }
}
