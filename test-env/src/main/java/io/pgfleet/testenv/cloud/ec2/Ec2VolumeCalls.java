package io.pgfleet.testenv.cloud.ec2;

import io.pgfleet.testenv.cloud.vm.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateVolume (from a snapshot, idempotent by ClientToken), DescribeVolumes and DeleteVolume.
 * Volumes are every disk of the local cloud: BOSH instances' persistent disks ({@code in-use} while
 * the instance has a VM), orphaned disks, and volumes made here.
 */
final class Ec2VolumeCalls {

  private static final Logger LOG = LoggerFactory.getLogger(Ec2VolumeCalls.class);

  private final LocalResources resources;
  private final SnapshotFiles snapshots;
  private final Ec2StateStore store;

  Ec2VolumeCalls(LocalResources resources, SnapshotFiles snapshots, Ec2StateStore store) {
    this.resources = resources;
    this.snapshots = snapshots;
    this.store = store;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("CreateVolume", this::create);
    actions.put("DescribeVolumes", this::describe);
    actions.put("DeleteVolume", this::delete);
  }

  private String create(Ec2Request request, String requestId) throws IOException {
    String snapshotId = request.optional("SnapshotId");
    if (snapshotId == null) {
      throw Ec2Error.invalidParameter(
          "The local cloud makes volumes from snapshots only: SnapshotId is required");
    }
    String zone = request.required("AvailabilityZone");
    String token = request.optional("ClientToken");
    SnapshotRecord snapshot =
        store.get().snapshot(snapshotId).orElseThrow(() -> Ec2Error.snapshotNotFound(snapshotId));
    if (!SnapshotRecord.COMPLETED.equals(snapshot.state())) {
      throw Ec2Error.incorrectState("Snapshot is in invalid state - " + snapshot.state());
    }
    Integer size = request.integer("Size");
    if (size != null && size < snapshot.volumeSizeGb()) {
      throw Ec2Error.invalidParameter(
          "Volume of " + size + "GiB is too small; minimum is " + snapshot.volumeSizeGb() + "GiB.");
    }
    VolumeRecord fresh =
        new VolumeRecord(
            Ec2Ids.volumeId(),
            snapshotId,
            zone,
            size == null ? snapshot.volumeSizeGb() : size,
            System.currentTimeMillis(),
            token,
            VolumeRecord.CREATING);
    Map<String, String> tags = request.tagSpecification("volume");
    VolumeRecord[] chosen = new VolumeRecord[1];
    store.update(
        s -> {
          VolumeRecord earlier =
              token == null
                  ? null
                  : s.volumes().stream()
                      .filter(v -> token.equals(v.clientToken()))
                      .findFirst()
                      .orElse(null);
          chosen[0] = earlier == null ? fresh : earlier;
          return earlier == null ? s.withVolume(fresh).withTags(fresh.volumeId(), tags) : s;
        });
    VolumeRecord volume = chosen[0];
    if (volume != fresh) {
      if (!volume.snapshotId().equals(snapshotId) || !volume.availabilityZone().equals(zone)) {
        throw new Ec2Error(
            Ec2Error.BAD_REQUEST,
            "IdempotentParameterMismatch",
            "The client token '" + token + "' was used with different parameters.");
      }
    } else {
      volume = copy(fresh);
    }
    Xml xml = Xml.response("CreateVolume", requestId);
    fields(xml, view(volume), store.get().tagsOf(volume.volumeId()), null);
    return xml.end("CreateVolume");
  }

  private VolumeRecord copy(VolumeRecord volume) {
    Path target = resources.diskDir(volume.volumeId());
    Path partial = target.resolveSibling(volume.volumeId() + ".partial");
    VolumeRecord done;
    try {
      Dirs.deleteTree(partial);
      DiskCopier.copy(snapshots.dir(volume.snapshotId()), partial);
      Files.move(partial, target);
      done = volume.withState(VolumeRecord.AVAILABLE);
      LOG.info("Volume {} from {} available", volume.volumeId(), volume.snapshotId());
    } catch (IOException e) {
      LOG.warn("Volume {} from {} failed", volume.volumeId(), volume.snapshotId(), e);
      deleteQuietly(partial);
      done = volume.withState(VolumeRecord.ERROR);
    }
    VolumeRecord finished = done;
    store.update(s -> s.withVolume(finished));
    return finished;
  }

  private String describe(Ec2Request request, String requestId) {
    List<String> ids = request.list("VolumeId");
    List<LocalDisk> disks =
        ids.isEmpty() ? resources.disks() : ids.stream().map(resources::requireDisk).toList();
    List<Ec2Filter> filters = request.filters();
    Ec2State state = store.get();
    Xml xml = Xml.response("DescribeVolumes", requestId).open("volumeSet");
    for (LocalDisk d : disks) {
      Map<String, String> tags = state.tagsOf(d.volumeId());
      Map<String, List<String>> attributes =
          Map.of(
              "volume-id", List.of(d.volumeId()),
              "status", List.of(d.state()),
              "availability-zone", listOf(d.availabilityZone()),
              "snapshot-id", listOf(d.snapshotId()),
              "attachment.instance-id", listOf(d.attachedVm()),
              "attachment.status", d.attachedVm() == null ? List.of() : List.of("attached"));
      if (Ec2Filter.all(filters, name -> attributes.getOrDefault(name, List.of()), tags)) {
        xml.open("item");
        fields(xml, d, tags, state.deviceOf(d.volumeId()));
        xml.close("item");
      }
    }
    return xml.close("volumeSet").end("DescribeVolumes");
  }

  private String delete(Ec2Request request, String requestId) throws IOException {
    LocalDisk disk = resources.requireDisk(request.required("VolumeId"));
    if (disk.attachedVm() != null) {
      throw new Ec2Error(
          Ec2Error.BAD_REQUEST,
          "VolumeInUse",
          "Volume " + disk.volumeId() + " is currently attached to " + disk.attachedVm());
    }
    if (disk.kind() == LocalDisk.Kind.INSTANCE) {
      throw new Ec2Error(
          Ec2Error.BAD_REQUEST,
          "VolumeInUse",
          "Volume " + disk.volumeId() + " belongs to BOSH instance " + disk.owner());
    }
    if (disk.kind() == LocalDisk.Kind.ORPHAN) {
      resources.forgetOrphan(disk.volumeId());
    }
    store.update(s -> s.withoutVolume(disk.volumeId()));
    Dirs.deleteTree(disk.dir());
    LOG.info("Deleted volume {}", disk.volumeId());
    return Xml.response("DeleteVolume", requestId).leaf("return", true).end("DeleteVolume");
  }

  private static LocalDisk view(VolumeRecord v) {
    return new LocalDisk(
        v.volumeId(),
        null,
        v.sizeGb(),
        v.availabilityZone(),
        v.snapshotId(),
        v.createTime(),
        null,
        null,
        null,
        LocalDisk.Kind.VOLUME,
        v.state());
  }

  private static void fields(Xml xml, LocalDisk d, Map<String, String> tags, String device) {
    xml.leaf("volumeId", d.volumeId())
        .leaf("size", d.sizeGb())
        .leaf("snapshotId", Objects.requireNonNullElse(d.snapshotId(), ""))
        .leaf("availabilityZone", d.availabilityZone())
        .leaf("status", d.state())
        .leaf("createTime", Ec2Ids.time(d.createTime()));
    xml.open("attachmentSet");
    if (d.attachedVm() != null) {
      xml.open("item")
          .leaf("volumeId", d.volumeId())
          .leaf("instanceId", d.attachedVm())
          .leaf("device", device)
          .leaf("status", "attached")
          .leaf("attachTime", d.attachTime() == null ? null : Ec2Ids.time(d.attachTime()))
          .leaf("deleteOnTermination", false)
          .close("item");
    }
    xml.close("attachmentSet")
        .leaf("volumeType", "standard")
        .leaf("encrypted", false)
        .leaf("multiAttachEnabled", false)
        .tagSet(tags);
  }

  private static void deleteQuietly(Path dir) {
    try {
      Dirs.deleteTree(dir);
    } catch (IOException e) {
      LOG.warn("Cannot remove the partial copy {}", dir, e);
    }
  }

  private static List<String> listOf(String value) {
    return value == null ? List.of() : List.of(value);
  }
}
