package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.codec.PgfleetDataConverter;
import io.pgfleet.testenv.temporal.SharedTemporal;
import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertActivities;
import io.pgfleet.workflows.alert.AlertDelivery;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The e2e stack's control-plane worker reaches the local cloud's EC2 API with working credentials
 * and delivers alerts to the stack's webhook and SMTP receivers, called the way FailoverWorkflow
 * calls them.
 */
class ControlPlaneWiringIT {

  /** One attempt: a wrong wiring should fail here, not be retried into a timeout. */
  private static final ActivityOptions ON_CONTROL_QUEUE =
      ActivityOptions.newBuilder()
          .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private static LocalStack stack;

  @WorkflowInterface
  public interface Probe {
    /** Sends an alert, then asks the IaaS about a VM; returns the IaaS failure type or state. */
    @WorkflowMethod
    List<String> run(String alertId, String vmCid);
  }

  public static class ProbeImpl implements Probe {
    @Override
    public List<String> run(String alertId, String vmCid) {
      AlertDelivery delivery =
          Workflow.newActivityStub(AlertActivities.class, ON_CONTROL_QUEUE)
              .send(
                  new Alert(
                      alertId,
                      "wiring",
                      "failover",
                      AlertSeverity.CRITICAL,
                      null,
                      "cluster wiring: probe",
                      "end-to-end wiring test",
                      Workflow.currentTimeMillis()));
      String iaas;
      try {
        iaas =
            Workflow.newActivityStub(IaasActivities.class, ON_CONTROL_QUEUE)
                .powerState(vmCid)
                .state();
      } catch (ActivityFailure failure) {
        iaas = ((ApplicationFailure) failure.getCause()).getType();
      }
      return List.of(String.join(",", delivery.delivered()), iaas);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @Test
  void alertsReachTheWebhookAndTheIaasAnswersWithTheCloudsCredentials() {
    SharedTemporal temporal = SharedTemporal.get();
    WorkflowClient client =
        WorkflowClient.newInstance(
            temporal.serviceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(temporal.server().namespace())
                .setDataConverter(
                    PgfleetDataConverter.create(EncryptionKeys.parse(stack.codecKeys)))
                .build());
    WorkerFactory probes = WorkerFactory.newInstance(client);
    String queue = SharedTemporal.uniqueName("wiring-probe");
    probes.newWorker(queue).registerWorkflowImplementationTypes(ProbeImpl.class);
    probes.start();
    try {
      String alertId = SharedTemporal.uniqueName("alert");
      List<String> answers =
          client
              .newWorkflowStub(
                  Probe.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(queue)
                      .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                      .build())
              .run(alertId, "i-0000000000000dead");

      // The cloud accepted the signature and does not know the VM (a bad key:
      // IAAS_REQUEST_REJECTED).
      assertThat(answers).hasSize(2).last().isEqualTo("IAAS_NOT_FOUND");
      assertThat(answers.get(0))
          .startsWith(
              "log,webhook "
                  + stack.alertWebhook()
                  + ",smtp "
                  + MailReceiver.TO
                  + " via 127.0.0.1:");
      assertThat(stack.mails())
          .filteredOn(mail -> mail.body().contains(alertId))
          .singleElement()
          .satisfies(
              mail ->
                  assertThat(mail.subject()).isEqualTo("[pgfleet] CRITICAL cluster wiring: probe"));
      assertThat(stack.alerts())
          .filteredOn(alert -> alertId.equals(alert.get("id").asText()))
          .singleElement()
          .satisfies(
              (JsonNode alert) -> {
                assertThat(alert.get("severity").asText()).isEqualTo("critical");
                assertThat(alert.get("summary").asText()).isEqualTo("cluster wiring: probe");
              });
    } finally {
      probes.shutdownNow();
    }
  }
}
