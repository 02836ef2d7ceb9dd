package io.pgfleet.workflows.provision;

import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.bosh.BoshTaskOutcome;
import io.pgfleet.workflows.catalog.PlanCatalog;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.cluster.Topology;
import java.util.List;

/** One cluster's names, secrets and VMs as the workflow tests use them. */
public final class ClusterFixture {

  public static final String CLUSTER_ID = "c-7f3a";
  public static final String OPERATION_ID = "op-1";
  public static final String DEPLOYMENT = ClusterNaming.deployment(CLUSTER_ID);
  public static final String MANIFEST = "name: " + DEPLOYMENT + "\n";

  /** Test values only; real ones are generated per cluster by the cluster workflow. */
  public static final ClusterSecrets SECRETS =
      new ClusterSecrets("test-superuser-secret", "test-replication-secret", "test-pcp-secret");

  public static final String PRIMARY_ID = "5b1c0a7e-pg0";
  public static final String STANDBY_ID = "5b1c0a7e-pg1";
  public static final List<String> PGPOOL_IDS =
      List.of("5b1c0a7e-pp0", "5b1c0a7e-pp1", "5b1c0a7e-pp2");

  public static final String PRIMARY_IP = "10.244.0.10";
  public static final String STANDBY_IP = "10.244.0.11";
  public static final List<String> PGPOOL_IPS =
      List.of("10.244.0.20", "10.244.0.21", "10.244.0.22");

  public static final BoshTaskOutcome DONE = new BoshTaskOutcome(42, "done", "/deployments/x");

  private ClusterFixture() {}

  public static ProvisionInput provisionInput() {
    return new ProvisionInput(CLUSTER_ID, OPERATION_ID, DEPLOYMENT, PlanCatalog.SMALL, SECRETS);
  }

  /** As BOSH may list them: not in index order. */
  public static List<BoshInstance> instances() {
    return List.of(
        instance("pgpool", 2, PGPOOL_IDS.get(2), PGPOOL_IPS.get(2)),
        instance("postgres", 1, STANDBY_ID, STANDBY_IP),
        instance("pgpool", 0, PGPOOL_IDS.get(0), PGPOOL_IPS.get(0)),
        instance("postgres", 0, PRIMARY_ID, PRIMARY_IP),
        instance("pgpool", 1, PGPOOL_IDS.get(1), PGPOOL_IPS.get(1)));
  }

  public static BoshInstance instance(String group, int index, String id, String ip) {
    return new BoshInstance(
        group,
        index,
        id,
        ip == null ? List.of() : List.of(ip),
        "running",
        "vm-" + id,
        List.of("disk-" + id));
  }

  public static Topology topology() {
    return TopologyDiscovery.topology(DEPLOYMENT, instances());
  }

  public static String queue(String instanceId) {
    return "node/" + DEPLOYMENT + "/" + instanceId;
  }
}
