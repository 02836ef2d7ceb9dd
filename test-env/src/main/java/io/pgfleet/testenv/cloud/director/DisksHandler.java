package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.state.OrphanDiskRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /disks} and {@code GET /orphan_disks}: both list orphaned disks, as in BOSH. */
final class DisksHandler {

  private static final DateTimeFormatter RUBY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

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
    router.get("/disks", list).get("/orphan_disks", list);
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
