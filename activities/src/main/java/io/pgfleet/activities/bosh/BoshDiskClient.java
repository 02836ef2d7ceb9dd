package io.pgfleet.activities.bosh;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import okhttp3.Request;

/** The disk resources: {@code /orphan_disks}. */
final class BoshDiskClient {

  private static final TypeReference<List<BoshOrphanDisk>> ORPHAN_LIST = new TypeReference<>() {};

  private final BoshHttp http;

  BoshDiskClient(BoshHttp http) {
    this.http = http;
  }

  List<BoshOrphanDisk> orphanedDisks() {
    String what = "GET /orphan_disks";
    BoshResponse response =
        http.expectSuccess(BoshHttp.get(http.url("orphan_disks").build()), what);
    return BoshJson.read(response.body(), ORPHAN_LIST, what);
  }

  long deleteOrphanedDisk(String diskCid, String contextId) {
    Request request =
        new Request.Builder().url(http.url("orphan_disks", diskCid).build()).delete().build();
    return http.submit(request, contextId, "DELETE /orphan_disks/" + diskCid);
  }
}
