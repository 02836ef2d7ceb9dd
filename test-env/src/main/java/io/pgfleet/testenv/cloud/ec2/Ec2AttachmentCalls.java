package io.pgfleet.testenv.cloud.ec2;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AttachVolume and DetachVolume (see {@link LocalAttachments} for what they change). Both act at
 * once; the answer still says {@code attaching} / {@code detaching} as EC2's does, and the next
 * DescribeVolumes shows the end state ({@code attached}, or {@code available} without attachment).
 * Attaching a volume to the VM it is attached to answers {@code attached}. Force is accepted: with
 * nothing mounted locally, a detach never gets stuck.
 */
final class Ec2AttachmentCalls {

  private static final Logger LOG = LoggerFactory.getLogger(Ec2AttachmentCalls.class);

  private final LocalAttachments attachments;

  Ec2AttachmentCalls(LocalAttachments attachments) {
    this.attachments = attachments;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("AttachVolume", this::attach);
    actions.put("DetachVolume", this::detach);
  }

  private String attach(Ec2Request request, String requestId) throws Exception {
    LocalAttachments.Attachment a =
        attachments.attach(
            request.required("VolumeId"),
            request.required("InstanceId"),
            request.required("Device"));
    if (a.fresh()) {
      LOG.info("Attached volume {} to {} as {}", a.volumeId(), a.vmCid(), a.device());
    }
    return answer("AttachVolume", requestId, a, a.fresh() ? "attaching" : "attached");
  }

  private String detach(Ec2Request request, String requestId) throws Exception {
    LocalAttachments.Attachment a =
        attachments.detach(request.required("VolumeId"), request.optional("InstanceId"));
    LOG.info("Detached volume {} from {}", a.volumeId(), a.vmCid());
    return answer("DetachVolume", requestId, a, "detaching");
  }

  private static String answer(
      String action, String requestId, LocalAttachments.Attachment a, String status) {
    return Xml.response(action, requestId)
        .leaf("volumeId", a.volumeId())
        .leaf("instanceId", a.vmCid())
        .leaf("device", a.device())
        .leaf("status", status)
        .leaf("attachTime", a.attachTime() == null ? null : Ec2Ids.time(a.attachTime()))
        .leaf("deleteOnTermination", false)
        .end(action);
  }
}
