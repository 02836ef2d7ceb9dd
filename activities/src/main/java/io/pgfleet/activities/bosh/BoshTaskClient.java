package io.pgfleet.activities.bosh;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Arrays;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** The task resources: {@code /tasks}, {@code /tasks/:id}, its output, {@code /task/:id}, locks. */
final class BoshTaskClient {

  private static final TypeReference<List<BoshTask>> TASK_LIST = new TypeReference<>() {};
  private static final TypeReference<List<BoshLock>> LOCK_LIST = new TypeReference<>() {};

  /** verbose=2 also lists vms, ssh and cck tasks, which verbose=1 hides. */
  private static final String ALL_TASK_TYPES = "2";

  private final BoshHttp http;

  BoshTaskClient(BoshHttp http) {
    this.http = http;
  }

  BoshTask task(long id) {
    String what = "GET /tasks/" + id;
    BoshResponse response = http.expectSuccess(BoshHttp.get(taskUrl(id).build()), what);
    return BoshJson.read(response.body(), BoshTask.class, what);
  }

  List<BoshTask> tasksByContextId(String contextId, String deployment) {
    String wire = ContextIds.wire(contextId);
    if (wire == null) {
      return List.of();
    }
    HttpUrl.Builder url =
        http.url("tasks")
            .addQueryParameter("context_id", wire)
            .addQueryParameter("verbose", ALL_TASK_TYPES);
    if (deployment != null) {
      url.addQueryParameter("deployment", deployment);
    }
    String what = "GET /tasks?context_id=" + wire;
    BoshResponse response = http.expectSuccess(BoshHttp.get(url.build()), what);
    return BoshJson.read(response.body(), TASK_LIST, what);
  }

  /**
   * Event-log lines from {@code fromOffset}: 206 = new bytes, 416 = none beyond the offset, 204 =
   * no log yet, 200 = the whole log (the Range was ignored).
   */
  TaskEvents taskEvents(long id, long fromOffset) {
    Request.Builder request = new Request.Builder().url(outputUrl(id, "event")).get();
    if (fromOffset > 0) {
      request.header("Range", "bytes=" + fromOffset + "-");
    }
    String what = "GET /tasks/" + id + "/output?type=event from byte " + fromOffset;
    BoshResponse response = http.send(request.build(), null, what);
    byte[] body = response.body();
    return switch (response.code()) {
      case 206 -> TaskEventLog.parse(body, fromOffset);
      case 200 ->
          TaskEventLog.parse(
              Arrays.copyOfRange(body, (int) Math.min(fromOffset, body.length), body.length),
              fromOffset);
      case 204, 416 -> new TaskEvents(List.of(), fromOffset);
      default -> throw BoshErrors.from(what, response);
    };
  }

  /** The result text ({@code type=result}); NDJSON for vms/instances tasks; "" when empty. */
  String taskResult(long id) {
    String what = "GET /tasks/" + id + "/output?type=result";
    BoshResponse response = http.expectSuccess(BoshHttp.get(outputUrl(id, "result")), what);
    return response.text();
  }

  /** Asks BOSH to cancel; the task stops at its next checkpoint. */
  void cancelTask(long id) {
    // DELETE /task/:id is singular in the Director's routes.
    HttpUrl url = http.url("task", Long.toString(id)).build();
    http.expectSuccess(new Request.Builder().url(url).delete().build(), "DELETE /task/" + id);
  }

  List<BoshLock> locks() {
    String what = "GET /locks";
    BoshResponse response = http.expectSuccess(BoshHttp.get(http.url("locks").build()), what);
    return BoshJson.read(response.body(), LOCK_LIST, what);
  }

  private HttpUrl.Builder taskUrl(long id) {
    return http.url("tasks", Long.toString(id));
  }

  private HttpUrl outputUrl(long id, String type) {
    return taskUrl(id).addPathSegment("output").addQueryParameter("type", type).build();
  }
}
