package io.pgfleet.testenv.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.workers.node.NodeAgentConfig.Temporal;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which client an agent gets for the Temporal target its configuration names. */
class TemporalConnectionTest {

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final WorkflowClient shared = env.getWorkflowClient();
  private final TemporalConnection connection =
      new TemporalConnection(
          LocalCloud.builder()
              .stateDir(Path.of("/nonexistent"))
              .credentials("admin", "unused")
              .temporal("127.0.0.1:7233", "ignored")
              .workflowClient(shared)
              .settings());

  @AfterEach
  void close() {
    connection.close();
    env.close();
  }

  @Test
  void theLocalCloudsOwnTargetGetsTheSharedClient() {
    String namespace = shared.getOptions().getNamespace();

    assertThat(connection.client(new Temporal("127.0.0.1:7233", namespace))).isSameAs(shared);
    assertThat(connection.client(null)).isSameAs(shared);
  }

  @Test
  void codecKeysGetAnEncryptingClientOnTheSameConnectionOncePerKeys() {
    String namespace = shared.getOptions().getNamespace();
    String keys = EncryptionKeys.newKeySpec("k1");

    WorkflowClient encrypting = connection.client(new Temporal("127.0.0.1:7233", namespace, keys));

    assertThat(encrypting).isNotSameAs(shared);
    assertThat(encrypting.getOptions().getDataConverter()).isInstanceOf(CodecDataConverter.class);
    assertThat(encrypting.getOptions().getNamespace()).isEqualTo(namespace);
    assertThat(encrypting.getWorkflowServiceStubs().getRawChannel())
        .isSameAs(shared.getWorkflowServiceStubs().getRawChannel());
    assertThat(connection.client(new Temporal("127.0.0.1:7233", namespace, keys)))
        .isSameAs(encrypting);
    assertThat(
            connection.client(
                new Temporal("127.0.0.1:7233", namespace, EncryptionKeys.newKeySpec("k2"))))
        .isNotSameAs(encrypting);
  }

  @Test
  void anotherNamespaceSharesTheConnectionAndAnotherAddressGetsItsOwn() {
    WorkflowClient otherNamespace = connection.client(new Temporal("127.0.0.1:7233", "fleet-b"));
    WorkflowClient otherAddress = connection.client(new Temporal("127.0.0.1:17233", "fleet-b"));

    assertThat(otherNamespace.getOptions().getNamespace()).isEqualTo("fleet-b");
    // clients wrap the stubs per namespace; the gRPC channel underneath is what is shared
    assertThat(otherNamespace.getWorkflowServiceStubs().getRawChannel())
        .isSameAs(shared.getWorkflowServiceStubs().getRawChannel());
    assertThat(otherAddress.getWorkflowServiceStubs().getRawChannel())
        .isNotSameAs(shared.getWorkflowServiceStubs().getRawChannel());
    assertThat(otherAddress.getWorkflowServiceStubs().getOptions().getTarget())
        .isEqualTo("127.0.0.1:17233");
    assertThat(connection.client(new Temporal("127.0.0.1:7233", "fleet-b")))
        .isSameAs(otherNamespace);
  }
}
