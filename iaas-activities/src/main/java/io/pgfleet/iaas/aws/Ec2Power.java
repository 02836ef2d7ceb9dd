package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.PowerOffRequest;
import io.pgfleet.workflows.iaas.PowerState;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/** VM power: StopInstances with Force (no graceful shutdown) and DescribeInstances. */
final class Ec2Power {

  /** Recorded on a fenced instance, so an operator sees why it is off. */
  static final String FENCED_TAG = "pgfleet:powered-off";

  /** StopInstances on a terminated (or terminating) instance: it is off for good. */
  private static final String INCORRECT_STATE = "IncorrectInstanceState";

  private static final Logger LOG = LoggerFactory.getLogger(Ec2Power.class);

  private final Ec2Client ec2;
  private final Poller poller;

  Ec2Power(Ec2Client ec2, Poller poller) {
    this.ec2 = ec2;
    this.poller = poller;
  }

  PowerState powerOff(PowerOffRequest request) {
    String vmCid = request.vmCid();
    LOG.info("Powering off {}: {}", vmCid, request.reason());
    try {
      ec2.stopInstances(b -> b.instanceIds(vmCid).force(true));
    } catch (AwsServiceException e) {
      if (!INCORRECT_STATE.equals(Ec2Failures.code(e))) {
        throw e;
      }
      // terminated instances are off; a pending one is stopped by the next attempt
      LOG.info("{} cannot be stopped in its state now: {}", vmCid, e.getMessage());
    }
    PowerState off =
        poller.until("power off of " + vmCid, () -> state(vmCid), PowerState::poweredOff);
    recordReason(vmCid, request.reason());
    return off;
  }

  PowerState state(String vmCid) {
    Instance instance =
        ec2.describeInstances(b -> b.instanceIds(vmCid)).reservations().stream()
            .flatMap(r -> r.instances().stream())
            .filter(i -> vmCid.equals(i.instanceId()))
            .findFirst()
            .orElseThrow(
                () ->
                    Ec2Failures.failure(
                        FailureType.IAAS_NOT_FOUND, "EC2 does not list instance " + vmCid, null));
    return new PowerState(vmCid, instance.state().nameAsString(), System.currentTimeMillis());
  }

  /** Best effort: the VM is off whether or not the tag could be written. */
  private void recordReason(String vmCid, String reason) {
    String value = Instant.now() + " " + (reason == null ? "" : reason);
    try {
      ec2.createTags(
          b ->
              b.resources(vmCid)
                  .tags(Tag.builder().key(FENCED_TAG).value(truncate(value)).build()));
    } catch (SdkException e) {
      LOG.warn("{} is off, but tagging it with the reason failed: {}", vmCid, e.getMessage());
    }
  }

  /** EC2 tag values hold at most 256 characters. */
  private static String truncate(String value) {
    return value.length() <= 256 ? value : value.substring(0, 256);
  }
}
