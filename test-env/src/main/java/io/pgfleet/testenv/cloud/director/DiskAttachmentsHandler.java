package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.DirectorError;
import io.pgfleet.testenv.cloud.state.DeploymentRecord;
import io.pgfleet.testenv.cloud.state.JobSpec;
import io.pgfleet.testenv.cloud.state.TaskRecord;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * {@code PUT /disks/:cid/attachments?deployment=&job=&instance_id=[&disk_properties=copy]}, as
 * BOSH's disks controller: only the deployment is checked here (404 70000); instance, state and
 * disk are the attach_disk task's to check, so their errors end the task, not the request. Any body
 * and content type are accepted.
 */
final class DiskAttachmentsHandler {

  private final DirectorContext director;

  DiskAttachmentsHandler(DirectorContext director) {
    this.director = director;
  }

  void register(Router router) {
    router.add("PUT", "/disks/([^/]+)/attachments", null, this::attach);
  }

  private void attach(DirectorExchange exchange, Matcher path) throws Exception {
    String cid = DirectorExchange.decode(path.group(1));
    String name = Objects.requireNonNullElse(exchange.query("deployment"), "");
    DeploymentRecord deployment =
        director.store().deployment(name).orElseThrow(() -> DirectorError.deploymentNotFound(name));
    String job = Objects.requireNonNullElse(exchange.query("job"), "");
    String instanceId = Objects.requireNonNullElse(exchange.query("instance_id"), "");
    TaskRecord task =
        director
            .tasks()
            .submit(
                exchange.user(),
                "attach disk '" + cid + "' to '" + job + "/" + instanceId + "'",
                deployment.name(),
                exchange.contextId(),
                JobSpec.attachDisk(
                    deployment.name(), job, instanceId, cid, exchange.query("disk_properties")));
    exchange.redirectToTask(task.id());
  }
}
