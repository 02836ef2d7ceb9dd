package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.OrphanDiskRecord;
import io.pgfleet.testenv.cloud.state.TaskRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code GET /disks} and {@code GET /orphan_disks}: both list orphaned disks, as in BOSH. {@code
 * DELETE /orphan_disks/:cid} starts a delete_orphan_disks task; as in BOSH, the task has no
 * deployment and no context id (the header is checked but not recorded), and a disk still attached
 * to an instance is refused with 520000.
 */
final class DisksHandler {

  private static final DateTimeFormatter RUBY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** BOSH's DeletingPersistentDiskError. */
  static final int DELETING_PERSISTENT_DISK = 520000;

  private final DirectorContext director;

  DisksHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    Router.Handler list =
        (exchange, path) ->
            exchange.json(
                200,
                director.store().get().orphanDisks().stream().map(DisksHandler::view).toList(),
                DirectorExchange.JSON);
    router
        .get("/disks", list)
        .get("/orphan_disks", list)
        .delete("/orphan_disks/([^/]+)", this::deleteOrphan);
  }

  private void deleteOrphan(DirectorExchange exchange, Matcher path) throws Exception {
    String cid = DirectorExchange.decode(path.group(1));
    boolean attached =
        director.store().get().deployments().stream()
            .flatMap(d -> d.instances().stream())
            .anyMatch(i -> cid.equals(i.diskCid()));
    if (attached) {
      throw DirectorError.badRequest(
          DELETING_PERSISTENT_DISK, "Deleting persistent disk is not supported: [\"" + cid + "\"]");
    }
    TaskRecord task =
        director
            .tasks()
            .submit(
                exchange.user(),
                "delete orphan disks",
                null,
                "",
                JobSpec.deleteOrphanDisks(List.of(cid)));
    exchange.redirectToTask(task.id());
  }

  private static Map<String, Object> view(OrphanDiskRecord disk) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("disk_cid", disk.diskCid());
    view.put("size", disk.size());
    view.put("az", disk.az());
    view.put("deployment_name", disk.deploymentName());
    view.put("instance_name", disk.instanceName());
    view.put("cloud_properties", Map.of());
    view.put("orphaned_at", RUBY_TIME.format(Instant.ofEpochSecond(disk.orphanedAt())));
    return view;
  }
}
