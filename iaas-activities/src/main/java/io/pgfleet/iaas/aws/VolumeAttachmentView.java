package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.iaas.VolumeInfo;

/**
 * A volume as an attach or detach wait sees it, also heartbeated (a record, so Temporal's JSON
 * converter can write it).
 *
 * @param attachment the state of the volume's live attachment ({@code attaching}, {@code attached},
 *     {@code detaching}), or null without one
 */
record VolumeAttachmentView(VolumeInfo volume, String attachment) {

  static final String ATTACHED = "attached";
  static final String DETACHING = "detaching";

  boolean attachedTo(String vmCid) {
    return ATTACHED.equals(attachment) && vmCid.equals(volume.attachedTo());
  }

  /** Attached, attaching or detaching. */
  boolean hasAttachment() {
    return attachment != null;
  }

  /** No attachment left and EC2 calls the volume available again. */
  boolean free() {
    return !hasAttachment() && VolumeInfo.AVAILABLE.equals(volume.state());
  }
}
