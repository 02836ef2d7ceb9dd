package io.pgfleet.workers.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.alert.Alert;
import io.pgfleet.workflows.alert.AlertActivities;
import io.pgfleet.workflows.alert.AlertDelivery;
import io.pgfleet.workflows.alert.AlertSeverity;
import io.pgfleet.workflows.cluster.ClusterWorkflow;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.PowerState;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's IaaS and alert activities, built from its properties, answer on the control-plane
 * queue: a workflow calls them by their activity names, as FailoverWorkflow will.
 */
class ControlPlaneActivitiesTest {

  private static final String PROBE_QUEUE = "probe";

  /** One attempt: a wrong wiring should fail the test, not be retried into a timeout. */
  private static final ActivityOptions ON_CONTROL_QUEUE =
      ActivityOptions.newBuilder()
          .setTaskQueue(ClusterWorkflow.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    List<String> run(String vmCid);
  }

  public static class ProbeImpl implements Probe {
    @Override
    public List<String> run(String vmCid) {
      IaasActivities iaas = Workflow.newActivityStub(IaasActivities.class, ON_CONTROL_QUEUE);
      AlertActivities alerts = Workflow.newActivityStub(AlertActivities.class, ON_CONTROL_QUEUE);
      PowerState power = iaas.powerState(vmCid);
      AlertDelivery delivery =
          alerts.send(
              new Alert(
                  "probe-1",
                  "c1",
                  "failover",
                  AlertSeverity.WARNING,
                  "op-1",
                  "cluster c1: probe",
                  "wiring test",
                  Workflow.currentTimeMillis()));
      return List.of(power.state(), String.join(",", delivery.delivered()));
    }
  }

  @StartStop private final MockWebServer ec2 = new MockWebServer();
  @StartStop private final MockWebServer webhook = new MockWebServer();
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void iaasAndAlertActivitiesRunWithTheConfiguredEndpointsAndKeys() throws Exception {
    ec2.enqueue(new MockResponse.Builder().code(200).body(describeInstances("i-0abc")).build());
    webhook.enqueue(new MockResponse.Builder().code(204).build());
    env.newWorker(PROBE_QUEUE).registerWorkflowImplementationTypes(ProbeImpl.class);

    WorkerSettings.activities()
        .withBean(WorkerFactory.class, env::getWorkerFactory)
        .withUserConfiguration(ScheduleConfiguration.class, ControlPlaneWorker.class)
        .withPropertyValues(
            "pgfleet.iaas.ec2.endpoint=" + ec2.url("/"),
            "pgfleet.alerts.webhook-urls=" + webhook.url("/alerts"),
            "pgfleet.alerts.webhook-secret=hook-secret")
        .run(
            context -> {
              env.start();
              List<String> answers =
                  env.getWorkflowClient()
                      .newWorkflowStub(
                          Probe.class,
                          io.temporal.client.WorkflowOptions.newBuilder()
                              .setTaskQueue(PROBE_QUEUE)
                              .build())
                      .run("i-0abc");

              assertThat(answers)
                  .containsExactly("stopped", "log,webhook " + webhook.url("/alerts"));
              RecordedRequest describe = ec2.takeRequest();
              assertThat(describe.getBody().utf8()).contains("Action=DescribeInstances");
              assertThat(describe.getHeaders().get("Authorization"))
                  .contains("Credential=AKIDTEST/")
                  .contains("/us-east-1/ec2/");
              RecordedRequest alert = webhook.takeRequest();
              assertThat(alert.getHeaders().get("X-Pgfleet-Webhook-Secret"))
                  .isEqualTo("hook-secret");
              assertThat(alert.getBody().utf8()).contains("\"id\":\"probe-1\"");
            });
  }

  private static String describeInstances(String instanceId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>r-1</requestId>
          <reservationSet>
            <item>
              <reservationId>r-1</reservationId>
              <instancesSet>
                <item>
                  <instanceId>%s</instanceId>
                  <instanceState><code>80</code><name>stopped</name></instanceState>
                </item>
              </instancesSet>
            </item>
          </reservationSet>
        </DescribeInstancesResponse>
        """
        .formatted(instanceId);
  }
}
