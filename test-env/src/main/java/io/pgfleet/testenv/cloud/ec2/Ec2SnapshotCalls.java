package io.pgfleet.testenv.cloud.ec2;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateSnapshot, DescribeSnapshots and DeleteSnapshot. A snapshot is a copy of the disk directory
 * made while CreateSnapshot runs, so its point in time lies within the request: what is written to
 * the disk after the answer is not in it.
 */
final class Ec2SnapshotCalls {

  private static final Logger LOG = LoggerFactory.getLogger(Ec2SnapshotCalls.class);

  private final LocalResources resources;
  private final SnapshotFiles files;
  private final Ec2StateStore store;

  Ec2SnapshotCalls(LocalResources resources, SnapshotFiles files, Ec2StateStore store) {
    this.resources = resources;
    this.files = files;
    this.store = store;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("CreateSnapshot", this::create);
    actions.put("DescribeSnapshots", this::describe);
    actions.put("DeleteSnapshot", this::delete);
  }

  private String create(Ec2Request request, String requestId) {
    LocalDisk disk = resources.requireDisk(request.required("VolumeId"));
    Map<String, String> tags = request.tagSpecification("snapshot");
    SnapshotRecord pending =
        new SnapshotRecord(
            Ec2Ids.snapshotId(),
            disk.volumeId(),
            request.optional("Description"),
            SnapshotRecord.PENDING,
            null,
            System.currentTimeMillis(),
            disk.sizeGb());
    store.update(s -> s.withSnapshot(pending).withTags(pending.snapshotId(), tags));
    SnapshotRecord done;
    try {
      files.copyIn(disk.dir(), pending.snapshotId());
      done = pending.withState(SnapshotRecord.COMPLETED, null);
      LOG.info("Snapshot {} of {} completed", pending.snapshotId(), disk.volumeId());
    } catch (IOException e) {
      LOG.warn("Snapshot {} of {} failed", pending.snapshotId(), disk.volumeId(), e);
      done = pending.withState(SnapshotRecord.ERROR, e.getMessage());
    }
    SnapshotRecord finished = done;
    Ec2State state = store.update(s -> s.withSnapshot(finished));
    Xml xml = Xml.response("CreateSnapshot", requestId);
    fields(xml, finished, state.tagsOf(finished.snapshotId()));
    return xml.end("CreateSnapshot");
  }

  private String describe(Ec2Request request, String requestId) {
    Ec2State state = store.get();
    List<String> ids = request.list("SnapshotId");
    List<SnapshotRecord> snapshots =
        ids.isEmpty()
            ? state.snapshots()
            : ids.stream()
                .map(id -> state.snapshot(id).orElseThrow(() -> Ec2Error.snapshotNotFound(id)))
                .toList();
    List<Ec2Filter> filters = request.filters();
    Xml xml = Xml.response("DescribeSnapshots", requestId).open("snapshotSet");
    for (SnapshotRecord s : snapshots) {
      Map<String, String> tags = state.tagsOf(s.snapshotId());
      Map<String, List<String>> attributes =
          Map.of(
              "snapshot-id", List.of(s.snapshotId()),
              "volume-id", List.of(s.volumeId()),
              "status", List.of(s.state()),
              "owner-id", List.of(Ec2Ids.OWNER_ID),
              "description", s.description() == null ? List.of() : List.of(s.description()));
      if (Ec2Filter.all(filters, name -> attributes.getOrDefault(name, List.of()), tags)) {
        xml.open("item");
        fields(xml, s, tags);
        xml.close("item");
      }
    }
    return xml.close("snapshotSet").end("DescribeSnapshots");
  }

  /** A snapshot that does not exist is EC2's InvalidSnapshot.NotFound. */
  private String delete(Ec2Request request, String requestId) throws IOException {
    String id = request.required("SnapshotId");
    if (store.get().snapshot(id).isEmpty()) {
      throw Ec2Error.snapshotNotFound(id);
    }
    // forget it first: a crash then leaves an unreferenced directory, swept at the next start
    store.update(s -> s.withoutSnapshot(id));
    files.delete(id);
    LOG.info("Deleted snapshot {}", id);
    return Xml.response("DeleteSnapshot", requestId).leaf("return", true).end("DeleteSnapshot");
  }

  private static void fields(Xml xml, SnapshotRecord s, Map<String, String> tags) {
    xml.leaf("snapshotId", s.snapshotId())
        .leaf("volumeId", s.volumeId())
        .leaf("status", s.state())
        .leaf("statusMessage", s.stateMessage())
        .leaf("startTime", Ec2Ids.time(s.startTime()))
        .leaf("progress", SnapshotRecord.PENDING.equals(s.state()) ? "0%" : "100%")
        .leaf("ownerId", Ec2Ids.OWNER_ID)
        .leaf("volumeSize", s.volumeSizeGb())
        .leaf("description", s.description())
        .leaf("encrypted", false)
        .leaf("storageTier", "standard")
        .tagSet(tags);
  }
}
