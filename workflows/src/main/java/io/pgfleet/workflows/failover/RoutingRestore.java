package io.pgfleet.workflows.failover;

import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.cluster.Topology;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The "restore routing" step of a failover that was not confirmed. pgpool detaches a backend whose
 * health check fails (about once a second) and the detach sticks after the backend comes back, so a
 * primary that stays primary after a blip may have been taken out of routing by some pgpools: those
 * attach it again, all at once, if the control plane reaches it as a writable primary.
 */
final class RoutingRestore {

  private static final Logger LOG = Workflow.getLogger(RoutingRestore.class);

  private final Topology topology;

  RoutingRestore(Topology topology) {
    this.topology = topology;
  }

  /** Whether a look shows anything to restore: some pgpool sees the primary's backend down. */
  static boolean needed(Observation seen) {
    return seen != null && seen.pgpoolsSeeingDown() > 0;
  }

  /**
   * @return what was done, e.g. "routing restored: pgpool/0 attached postgres/0 (backend 0) again"
   */
  String restore(Observation seen) {
    ClusterNode primary = topology.primary();
    List<String> detachedIn =
        seen.pgpools().stream().filter(PgpoolView::seesDown).map(PgpoolView::pgpool).toList();
    Decision attach = FailoverDecisions.restoreRouting(primary, detachedIn, seen.primary());
    if (!attach.yes()) {
      LOG.warn(attach.reason());
      return "routing not restored: " + attach.reason();
    }
    LOG.info(attach.reason());
    int backend = FailoverTopology.backendId(primary);
    List<ClusterNode> pgpools =
        topology.pgpools().stream().filter(n -> detachedIn.contains(n.name())).toList();
    List<Answer<PgpoolNodeStatus>> answers =
        EveryPgpool.call(
            topology, pgpools, FailoverPolicies::pgpoolCommand, p -> p.attachBackend(backend));
    return describe("%s (backend %d)".formatted(primary.name(), backend), answers);
  }

  /**
   * The step's sentence from the pgpools' answers, e.g. "routing restored: pgpool/0 attached
   * postgres/0 (backend 0) again; not by pgpool/2 (no answer: schedule to start timeout)".
   */
  static String describe(String backend, List<Answer<PgpoolNodeStatus>> answers) {
    String attached =
        answers.stream()
            .filter(Answer::ok)
            .map(a -> a.node().name())
            .collect(Collectors.joining(", "));
    String failed =
        answers.stream()
            .filter(a -> !a.ok())
            .map(Answer::describeProblem)
            .collect(Collectors.joining(", "));
    if (attached.isEmpty()) {
      return "routing not restored: %s did not attach %s again".formatted(failed, backend);
    }
    String done = "routing restored: %s attached %s again".formatted(attached, backend);
    return failed.isEmpty() ? done : done + "; not by " + failed;
  }
}
