package io.pgfleet.activities.bosh;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The disk resources: {@code /orphan_disks}, {@code /disks/:cid/attachments}. */
final class BoshDiskClient {

  private static final TypeReference<List<BoshOrphanDisk>> ORPHAN_LIST = new TypeReference<>() {};

  /**
   * Copy size and cloud properties from the disk being replaced; without it BOSH records 1 MiB and
   * {@code {}}, and a later deploy would resize or migrate the disk.
   */
  private static final String COPY_DISK_PROPERTIES = "copy";

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

  /** The route consumes nothing, but OkHttp needs a body for a PUT: an empty one, no type. */
  long attachDisk(
      String deployment, String job, String instanceId, String diskCid, String contextId) {
    HttpUrl url =
        http.url("disks", diskCid, "attachments")
            .addQueryParameter("deployment", deployment)
            .addQueryParameter("job", job)
            .addQueryParameter("instance_id", instanceId)
            .addQueryParameter("disk_properties", COPY_DISK_PROPERTIES)
            .build();
    Request request = new Request.Builder().url(url).put(RequestBody.create(new byte[0])).build();
    return http.submit(
        request, contextId, "PUT /disks/" + diskCid + "/attachments of " + job + "/" + instanceId);
  }
}
