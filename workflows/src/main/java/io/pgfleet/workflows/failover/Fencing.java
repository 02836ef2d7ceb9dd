package io.pgfleet.workflows.failover;

import static io.pgfleet.workflows.failover.FailoverOutcome.NEEDS_OPERATOR;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.bosh.BoshActivities;
import io.pgfleet.workflows.bosh.BoshInstance;
import io.pgfleet.workflows.bosh.InstanceStateRequest;
import io.pgfleet.workflows.bosh.InstanceStateRequest.InstanceState;
import io.pgfleet.workflows.cluster.ClusterNaming;
import io.pgfleet.workflows.cluster.ClusterNode;
import io.pgfleet.workflows.iaas.IaasActivities;
import io.pgfleet.workflows.iaas.PowerOffRequest;
import io.pgfleet.workflows.iaas.PowerState;
import io.pgfleet.workflows.operation.ActivityPolicies;
import io.pgfleet.workflows.postgres.NodeProbe;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * STONITH: powers a PostgreSQL node's VM off through the IaaS, falling back to BOSH's hard stop
 * (the VM deleted, the disk kept), then proves the node cannot take writes. A failure to fence or
 * to prove it stops the failover before anything is promoted.
 */
final class Fencing {

  /** How the VM was fenced; the proof accepts "the IaaS no longer knows it" only after a detach. */
  enum Method {
    IAAS_POWER_OFF,
    BOSH_DETACH,
    NO_VM
  }

  /** A fenced node; {@code vmCid} is null when BOSH listed no VM for it. */
  record Fence(ClusterNode node, String vmCid, Method method) {}

  private static final Logger LOG = Workflow.getLogger(Fencing.class);

  private final BoshActivities boshLookup =
      Workflow.newActivityStub(BoshActivities.class, FailoverPolicies.LOOKUP);
  private final BoshActivities bosh =
      Workflow.newActivityStub(BoshActivities.class, ActivityPolicies.BOSH_TASK);
  private final IaasActivities iaasFence =
      Workflow.newActivityStub(IaasActivities.class, FailoverPolicies.FENCE);
  private final IaasActivities iaasLookup =
      Workflow.newActivityStub(IaasActivities.class, FailoverPolicies.LOOKUP);
  private final Observer observer;
  private final String deployment;
  private final String operationId;

  Fencing(Observer observer, String deployment, String operationId) {
    this.observer = observer;
    this.deployment = deployment;
    this.operationId = operationId;
  }

  Fence fence(ClusterNode node) {
    String vmCid = vmCid(node);
    if (vmCid == null) {
      LOG.warn("BOSH lists no VM for {}: nothing to power off", node.name());
      return new Fence(node, null, Method.NO_VM);
    }
    String why = "fencing %s of %s (failover %s)".formatted(node.name(), deployment, operationId);
    try {
      iaasFence.powerOff(new PowerOffRequest(vmCid, why));
      return new Fence(node, vmCid, Method.IAAS_POWER_OFF);
    } catch (ActivityFailure iaasFailure) {
      String iaasProblem = Answer.problem(iaasFailure);
      LOG.warn("IaaS power-off of {} failed ({}); BOSH hard stop instead", vmCid, iaasProblem);
      try {
        bosh.changeInstanceState(
            new InstanceStateRequest(
                deployment,
                node.instanceGroup(),
                node.instanceId(),
                InstanceState.DETACHED,
                ClusterNaming.boshContextId(operationId, "fence")));
        return new Fence(node, vmCid, Method.BOSH_DETACH);
      } catch (ActivityFailure boshFailure) {
        throw FailoverStop.with(
            NEEDS_OPERATOR,
            "%s could not be fenced: the IaaS did not power off %s (%s) and BOSH's hard stop failed (%s)"
                .formatted(node.name(), vmCid, iaasProblem, Answer.problem(boshFailure)));
      }
    }
  }

  /** Looks until the proof holds, a bounded number of times; no proof, no promotion. */
  Decision prove(Fence fence) {
    Decision last = null;
    for (int look = 1; look <= FailoverPolicies.FENCE_PROOF_LOOKS; look++) {
      if (look > 1) {
        Workflow.sleep(FailoverPolicies.fenceProofInterval(look));
      }
      last = proofNow(fence);
      if (last.yes()) {
        LOG.info(last.reason());
        return last;
      }
      LOG.warn("look {} of {}: {}", look, FailoverPolicies.FENCE_PROOF_LOOKS, last.reason());
    }
    throw FailoverStop.with(
        NEEDS_OPERATOR,
        "%s after %d looks; no proof, no promotion"
            .formatted(last.reason(), FailoverPolicies.FENCE_PROOF_LOOKS));
  }

  private Decision proofNow(Fence fence) {
    String vmCid = fence.vmCid();
    PowerState power = null;
    String powerProblem = null;
    if (vmCid == null) {
      power = gone(null);
    } else {
      try {
        power = iaasLookup.powerState(vmCid);
      } catch (ActivityFailure failure) {
        if (fence.method() == Method.BOSH_DETACH && isType(failure, FailureType.IAAS_NOT_FOUND)) {
          power = gone(vmCid); // BOSH's hard stop deleted the VM
        } else {
          powerProblem = Answer.problem(failure);
        }
      }
    }
    NodeProbe probe;
    try {
      probe = observer.probe(fence.node());
    } catch (ActivityFailure failure) {
      LOG.warn("probe of {} failed: {}", fence.node().name(), Answer.problem(failure));
      probe = null;
    }
    return FailoverDecisions.fenceProof(fence.node(), vmCid, power, powerProblem, probe);
  }

  /**
   * The VM to power off, read from BOSH now rather than kept in the topology: a recreate (of an
   * earlier rebuild, or by BOSH's resurrector) gives the instance a new VM. Null when it has none.
   */
  private String vmCid(ClusterNode node) {
    List<BoshInstance> instances;
    try {
      instances = boshLookup.vms(deployment);
    } catch (ActivityFailure failure) {
      throw FailoverStop.with(
          NEEDS_OPERATOR,
          "%s could not be fenced: BOSH did not list the VMs of %s (%s)"
              .formatted(node.name(), deployment, Answer.problem(failure)));
    }
    BoshInstance instance =
        instances.stream()
            .filter(i -> node.instanceId().equals(i.id()))
            .findFirst()
            .orElseThrow(
                () ->
                    FailoverStop.with(
                        NEEDS_OPERATOR,
                        "%s could not be fenced: BOSH does not list instance %s in %s"
                            .formatted(node.name(), node.instanceId(), deployment)));
    return instance.vmCid();
  }

  private static PowerState gone(String vmCid) {
    return new PowerState(vmCid, PowerState.TERMINATED, Workflow.currentTimeMillis());
  }

  private static boolean isType(ActivityFailure failure, FailureType type) {
    return failure.getCause() instanceof ApplicationFailure app
        && type.name().equals(app.getType());
  }
}
