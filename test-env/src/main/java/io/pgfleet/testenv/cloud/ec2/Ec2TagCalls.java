package io.pgfleet.testenv.cloud.ec2;

import java.util.List;
import java.util.Map;

/** CreateTags on instances, volumes and snapshots; each resource must exist, as in EC2. */
final class Ec2TagCalls {

  private final LocalResources resources;
  private final Ec2StateStore store;

  Ec2TagCalls(LocalResources resources, Ec2StateStore store) {
    this.resources = resources;
    this.store = store;
  }

  void register(Map<String, Ec2Action> actions) {
    actions.put("CreateTags", this::createTags);
  }

  private String createTags(Ec2Request request, String requestId) {
    List<String> ids = request.list("ResourceId");
    if (ids.isEmpty()) {
      throw Ec2Error.missingParameter("ResourceId");
    }
    Map<String, String> tags = request.tags("Tag");
    if (tags.isEmpty()) {
      throw Ec2Error.missingParameter("Tag");
    }
    ids.forEach(this::requireResource);
    store.update(
        s -> {
          Ec2State next = s;
          for (String id : ids) {
            next = next.withTags(id, tags);
          }
          return next;
        });
    return Xml.response("CreateTags", requestId).leaf("return", true).end("CreateTags");
  }

  private void requireResource(String id) {
    if (id.startsWith(Ec2Ids.INSTANCE_PREFIX)) {
      resources.requireVm(id);
    } else if (id.startsWith(Ec2Ids.VOLUME_PREFIX)) {
      resources.requireDisk(id);
    } else if (id.startsWith(Ec2Ids.SNAPSHOT_PREFIX)) {
      store.get().snapshot(id).orElseThrow(() -> Ec2Error.snapshotNotFound(id));
    } else {
      throw new Ec2Error(Ec2Error.BAD_REQUEST, "InvalidID", "The ID '" + id + "' is not valid");
    }
  }
}
