package io.pgfleet.testenv.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.codec.AesGcmPayloadCodec;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.codec.PgfleetDataConverter;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real Temporal server: a workflow moving passwords through inputs, results, a query
 * and a failure leaves a history in which no password appears, while a client with the keys reads
 * everything back.
 */
class EncryptedHistoryIT {

  private final SharedTemporal temporal = SharedTemporal.get();
  private final AesGcmPayloadCodec codec =
      new AesGcmPayloadCodec(EncryptionKeys.parse(EncryptionKeys.newKeySpec("it")));
  private final WorkflowClient encrypting =
      WorkflowClient.newInstance(
          temporal.serviceStubs(),
          WorkflowClientOptions.newBuilder()
              .setNamespace(temporal.server().namespace())
              .setDataConverter(PgfleetDataConverter.create(codec))
              .build());
  private final String taskQueue = SharedTemporal.uniqueName("codec");
  private WorkerFactory workers;

  @BeforeEach
  void startWorker() {
    workers = WorkerFactory.newInstance(encrypting);
    var worker = workers.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(SecretCarrierWorkflow.Impl.class);
    worker.registerActivitiesImplementations(new SecretCarrierWorkflow.Host());
    workers.start();
  }

  @AfterEach
  void stopWorker() {
    workers.shutdownNow();
  }

  @Test
  void noPasswordIsStoredInPlaintextAndTheKeysReadThemAll() {
    String superuser = "su-" + UUID.randomUUID();
    String replication = "repl-" + UUID.randomUUID();
    String workflowId = SharedTemporal.uniqueName("codec-wf");
    SecretCarrierWorkflow workflow =
        encrypting.newWorkflowStub(
            SecretCarrierWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                .build());

    BindingCredentials credentials = workflow.bind(new ClusterSecrets(superuser, replication, "p"));

    assertThat(credentials.password()).isEqualTo("bind-" + superuser);
    assertThat(workflow.lastFailure()).contains("bind-" + superuser);

    // Read as the Temporal server stores it: a client without the codec.
    WorkflowExecutionHistory stored = temporal.client().fetchHistory(workflowId);
    History history = stored.getHistory();
    String json = stored.toJson(true);
    for (String secret : new String[] {superuser, replication, credentials.password()}) {
      assertThat(HistoryPayloads.storedBytesContain(history, secret)).as(secret).isFalse();
      assertThat(json).doesNotContain(secret);
    }
    assertThat(json).doesNotContain("password authentication failed");
    // input, 2 activity inputs, 1 activity result, the failure's attributes, the result
    assertThat(HistoryPayloads.encryptedCount(history)).isGreaterThanOrEqualTo(6);

    String decoded = HistoryPayloads.decodedText(history, codec);
    assertThat(decoded)
        .contains(superuser, replication, credentials.password())
        .contains("password authentication failed for password " + credentials.password());
  }
}
