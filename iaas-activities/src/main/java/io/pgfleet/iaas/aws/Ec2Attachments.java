package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.iaas.AttachVolumeRequest;
import io.pgfleet.workflows.iaas.DetachVolumeRequest;
import io.pgfleet.workflows.iaas.VolumeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * AttachVolume and DetachVolume, each looked up first (already done is success, a retry never sends
 * a second request that EC2 would refuse) and followed by a wait on DescribeVolumes until the
 * attachment is {@code attached}, or gone and the volume {@code available}.
 */
final class Ec2Attachments {

  /** DetachVolume on a volume that is already available: another call detached it meanwhile. */
  private static final String INCORRECT_STATE = "IncorrectState";

  private static final Logger LOG = LoggerFactory.getLogger(Ec2Attachments.class);

  private final Ec2Client ec2;
  private final Poller poller;

  Ec2Attachments(Ec2Client ec2, Poller poller) {
    this.ec2 = ec2;
    this.poller = poller;
  }

  VolumeInfo attach(AttachVolumeRequest request) {
    String volumeId = required(request.volumeId(), "volume id");
    String vmCid = required(request.vmCid(), "VM cid");
    String device = required(request.device(), "device name");
    String what = "attachment of volume " + volumeId + " to " + vmCid;
    VolumeAttachmentView now = view(volumeId);
    if (now.attachedTo(vmCid)) {
      return now.volume();
    }
    if (!vmCid.equals(now.volume().attachedTo())) {
      LOG.info("Attaching volume {} to {} as {}", volumeId, vmCid, device);
      ec2.attachVolume(b -> b.volumeId(volumeId).instanceId(vmCid).device(device));
    }
    return poller.until(what, () -> view(volumeId), v -> v.attachedTo(vmCid)).volume();
  }

  VolumeInfo detach(DetachVolumeRequest request) {
    String volumeId = required(request.volumeId(), "volume id");
    VolumeAttachmentView now = view(volumeId);
    String attachedTo = now.volume().attachedTo();
    if (now.hasAttachment() && request.vmCid() != null && !request.vmCid().equals(attachedTo)) {
      throw Ec2Failures.failure(
          FailureType.IAAS_REQUEST_REJECTED,
          "Volume " + volumeId + " is attached to " + attachedTo + ", not " + request.vmCid(),
          null);
    }
    if (now.hasAttachment() && !VolumeAttachmentView.DETACHING.equals(now.attachment())) {
      LOG.info("Detaching volume {} from {} (force: {})", volumeId, attachedTo, request.force());
      try {
        ec2.detachVolume(b -> b.volumeId(volumeId).instanceId(attachedTo).force(request.force()));
      } catch (AwsServiceException e) {
        if (!INCORRECT_STATE.equals(Ec2Failures.code(e))) {
          throw e;
        }
        LOG.info("Volume {} was detached meanwhile: {}", volumeId, e.getMessage());
      }
    }
    String what = "detaching volume " + volumeId + " from " + attachedTo;
    return poller.until(what, () -> view(volumeId), VolumeAttachmentView::free).volume();
  }

  private VolumeAttachmentView view(String volumeId) {
    Volume volume =
        ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().stream()
            .filter(v -> volumeId.equals(v.volumeId()))
            .findFirst()
            .orElseThrow(
                () ->
                    Ec2Failures.failure(
                        FailureType.IAAS_NOT_FOUND, "EC2 does not list volume " + volumeId, null));
    return new VolumeAttachmentView(Ec2Views.volume(volume), Ec2Views.attachmentState(volume));
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw Ec2Failures.failure(
          FailureType.INVALID_INPUT, "A volume attachment needs a " + name, null);
    }
    return value;
  }
}
