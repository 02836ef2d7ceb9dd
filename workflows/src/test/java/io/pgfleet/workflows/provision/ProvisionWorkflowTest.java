package io.pgfleet.workflows.provision;

import static io.pgfleet.workflows.provision.ClusterFixture.CLUSTER_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.DEPLOYMENT;
import static io.pgfleet.workflows.provision.ClusterFixture.MANIFEST;
import static io.pgfleet.workflows.provision.ClusterFixture.OPERATION_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PGPOOL_IPS;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_ID;
import static io.pgfleet.workflows.provision.ClusterFixture.PRIMARY_IP;
import static io.pgfleet.workflows.provision.ClusterFixture.STANDBY_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.bosh.ClusterManifestInput;
import io.pgfleet.workflows.bosh.DeployRequest;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.NodeRole;
import io.pgfleet.workflows.host.BootstrapPrimaryInput;
import io.pgfleet.workflows.host.BuildStandbyInput;
import io.pgfleet.workflows.host.ConfigurePgpoolInput;
import io.pgfleet.workflows.host.PgpoolBackend;
import io.pgfleet.workflows.host.PgpoolHostActivities;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.StepView;
import io.pgfleet.workflows.postgres.ApplicationDatabaseInput;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.VerifyReplicationInput;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvisionWorkflowTest {

  static final List<String> STEPS =
      List.of(
          "render manifest",
          "deploy",
          "discover instances",
          "bootstrap primary",
          "configure archiving",
          "build standby",
          "configure pgpools",
          "create application database",
          "verify replication");

  /** Long enough for three workers to pick their task up, short enough to fail fast. */
  private static final long OVERLAP_WAIT_SECONDS = 10;

  private final MockedCloud cloud = new MockedCloud();

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void runsEveryStepInOrderAndReturnsTheTopology() {
    ProvisionResult result =
        cloud.provisionStub("provision-happy").provision(ClusterFixture.provisionInput());

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(result.operation().description()).isEqualTo("provision succeeded");
    assertThat(result.operation().error()).isNull();
    assertThat(result.operation().finishedAtMillis()).isNotNull();
    assertThat(result.operation().steps())
        .extracting(StepView::name, StepView::state)
        .containsExactlyElementsOf(
            STEPS.stream().map(s -> tuple(s, OperationState.SUCCEEDED)).toList());
    assertThat(result.topology().deployment()).isEqualTo(DEPLOYMENT);
    assertThat(result.topology().nodes())
        .extracting(ClusterNode::name, ClusterNode::role, ClusterNode::address)
        .containsExactly(
            tuple("postgres/0", NodeRole.PRIMARY, PRIMARY_IP),
            tuple("postgres/1", NodeRole.STANDBY, STANDBY_IP),
            tuple("pgpool/0", NodeRole.PGPOOL, PGPOOL_IPS.get(0)),
            tuple("pgpool/1", NodeRole.PGPOOL, PGPOOL_IPS.get(1)),
            tuple("pgpool/2", NodeRole.PGPOOL, PGPOOL_IPS.get(2)));
    assertThat(result.topology().taskQueue(result.topology().primary()))
        .isEqualTo(ClusterFixture.queue(PRIMARY_ID));
    verify(cloud.bosh, never()).deleteDeployment(any());
    verify(cloud.bosh, never()).deleteOrphanedDisks(any());
  }

  @Test
  void callsEachPortWithTheClusterInputs() {
    cloud.provisionStub("provision-inputs").provision(ClusterFixture.provisionInput());

    ClusterSecrets secrets = ClusterFixture.SECRETS;
    var credentials =
        new PostgresCredentials(
            secrets.superuserPassword(), "replicator", secrets.replicationPassword());
    var parameters = PlanCatalog.SMALL.postgresParameters();
    var replicaHosts = List.of(PRIMARY_IP, STANDBY_IP);
    var primary = new PostgresEndpoint(PRIMARY_IP, 5432, secrets.superuserPassword());
    verify(cloud.manifests)
        .renderCluster(new ClusterManifestInput(CLUSTER_ID, DEPLOYMENT, PlanCatalog.SMALL));
    verify(cloud.bosh).deploy(new DeployRequest(DEPLOYMENT, MANIFEST, OPERATION_ID + "/deploy"));
    verify(cloud.bosh).instances(DEPLOYMENT);
    verify(cloud.primaryHost)
        .bootstrapPrimary(
            new BootstrapPrimaryInput(CLUSTER_ID, credentials, parameters, replicaHosts));
    verify(cloud.standbyHost)
        .buildStandby(
            new BuildStandbyInput(
                CLUSTER_ID,
                PRIMARY_IP,
                5432,
                "standby_postgres_1",
                credentials,
                parameters,
                replicaHosts));
    verify(cloud.primaryHost, never()).buildStandby(any());
    verify(cloud.standbyHost, never()).bootstrapPrimary(any());
    var pgpoolInput =
        new ConfigurePgpoolInput(
            CLUSTER_ID,
            List.of(
                new PgpoolBackend(0, PRIMARY_IP, 5432, "postgres_0"),
                new PgpoolBackend(1, STANDBY_IP, 5432, "postgres_1")),
            "postgres",
            secrets.superuserPassword(),
            "pcpadmin",
            secrets.pcpPassword());
    for (PgpoolHostActivities pgpool : cloud.pgpoolHosts) {
      verify(pgpool).configure(pgpoolInput);
    }
    verify(cloud.sql)
        .ensureApplicationDatabase(new ApplicationDatabaseInput(primary, "app", "app_owner"));
    verify(cloud.sql)
        .verifyReplication(
            new VerifyReplicationInput(
                PGPOOL_IPS.stream().map(ip -> ip + ":9999").toList(),
                new PostgresEndpoint(STANDBY_IP, 5432, secrets.superuserPassword()),
                secrets.superuserPassword(),
                30_000));
  }

  @Test
  void configuresThePgpoolsInParallel() {
    CountDownLatch allStarted = new CountDownLatch(cloud.pgpoolHosts.size());
    var overlapped = new ConcurrentLinkedQueue<Boolean>();
    for (PgpoolHostActivities pgpool : cloud.pgpoolHosts) {
      when(pgpool.configure(any()))
          .thenAnswer(
              call -> {
                allStarted.countDown();
                overlapped.add(allStarted.await(OVERLAP_WAIT_SECONDS, TimeUnit.SECONDS));
                return new PgpoolNodeStatus("pgpool", 9999, true, List.of());
              });
    }

    ProvisionResult result =
        cloud.provisionStub("provision-parallel").provision(ClusterFixture.provisionInput());

    assertThat(result.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(overlapped)
        .as("each pgpool saw all three running at once")
        .containsExactly(true, true, true);
  }
}
