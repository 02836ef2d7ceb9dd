package io.pgfleet.testenv.e2e;

import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresHostActivities;
import io.pgfleet.workflows.host.PostgresNodeStatus;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class AssembleClusterWorkflowImpl implements AssembleClusterWorkflow {

  private static final int PORT = 5432;
  private static final String STANDBY_APP_NAME = "postgres_1";

  @Override
  public Assembled assemble(Input in) {
    List<String> replicaHosts = List.of(in.primary().address(), in.standby().address());
    PostgresNodeStatus primary =
        postgres(in.primary())
            .bootstrapPrimary(
                new BootstrapPrimaryInput(
                    in.clusterId(),
                    in.credentials(),
                    Map.of("max_connections", "50"),
                    replicaHosts));
    PostgresNodeStatus standby =
        postgres(in.standby())
            .buildStandby(
                new BuildStandbyInput(
                    in.clusterId(),
                    in.primary().address(),
                    PORT,
                    "standby_postgres_1",
                    in.credentials(),
                    Map.of("max_connections", "50"),
                    replicaHosts));
    List<PgpoolBackend> backends =
        List.of(
            new PgpoolBackend(0, in.primary().address(), PORT, "postgres_0"),
            new PgpoolBackend(1, in.standby().address(), PORT, STANDBY_APP_NAME));
    String password = in.credentials().superuserPassword();
    List<PgpoolNodeStatus> pgpools = new ArrayList<>();
    for (Node node : in.pgpools()) {
      pgpools.add(
          pgpool(node)
              .configure(
                  new ConfigurePgpoolInput(
                      in.clusterId(), backends, "postgres", password, "pcpadmin", password)));
    }
    return new Assembled(primary, standby, pgpools);
  }

  private static PostgresHostActivities postgres(Node node) {
    return Workflow.newActivityStub(PostgresHostActivities.class, options(node));
  }

  private static PgpoolHostActivities pgpool(Node node) {
    return Workflow.newActivityStub(PgpoolHostActivities.class, options(node));
  }

  /** A dead agent shows up as a schedule-to-start timeout instead of a hang. */
  private static ActivityOptions options(Node node) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(node.taskQueue())
        .setScheduleToStartTimeout(Duration.ofSeconds(30))
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
        .build();
  }
}
