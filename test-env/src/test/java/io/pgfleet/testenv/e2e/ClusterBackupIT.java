package io.pgfleet.testenv.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.testenv.bench.BrokerClient;
import io.pgfleet.testenv.bench.BrokerClient.Answer;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A backup through the operations API on a cluster provisioned by the broker, every component real:
 * provisioning configured WAL archiving into the stack's S3Proxy, so a snapshot backup succeeds,
 * the cluster lists it with its LSNs, and its catalog entry is in the bucket beside the WAL.
 */
class ClusterBackupIT {

  /** Provisioning and a snapshot backup take seconds locally; this bounds a broken run. */
  private static final Duration OPERATION_BOUND = Duration.ofMinutes(3);

  private static final Duration POLL = Duration.ofMillis(250);

  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aSnapshotBackupOfAProvisionedClusterIsListedAndInTheCatalog() throws Exception {
    BrokerClient broker = stack.broker();
    String id = UUID.randomUUID().toString();
    Answer provision = broker.provision(id, PlanCatalog.SERVICE_ID, PlanCatalog.SMALL.id());
    assertThat(provision.status()).as(provision.body().toString()).isEqualTo(202);
    OpsApi ops = new OpsApi(stack);
    JsonNode provisioned = awaitFinished(ops, id, provision.body().get("operation").asText());
    assertThat(provisioned.path("state").asText())
        .as(provisioned.toString())
        .isEqualTo("succeeded");
    assertThat(provisioned.path("steps").findValuesAsText("name")).contains("configure archiving");

    OpsApi.Reply accepted =
        ops.post("/api/v1/clusters/" + id + "/backups", "{\"mode\":\"snapshot\"}");
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    String backupId = accepted.body().get("operation_id").asText();
    JsonNode done = awaitFinished(ops, id, backupId);
    assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("succeeded");

    JsonNode listed = ops.get("/api/v1/clusters/" + id + "/backups").get("backups");
    assertThat(listed).hasSize(1);
    JsonNode backup = listed.get(0);
    assertThat(backup.path("backup_id").asText()).isEqualTo(backupId);
    assertThat(backup.path("status").asText()).isEqualTo("succeeded");
    assertThat(backup.path("mode").asText()).isEqualTo("snapshot");
    assertThat(backup.path("start_lsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");
    assertThat(backup.path("stop_lsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");
    assertThat(backup.path("timeline").asInt()).isEqualTo(1);
    assertThat(ops.cluster(id).path("phase").asText()).isEqualTo("ready");

    ResponseBytes<GetObjectResponse> entry =
        stack
            .s3
            .client()
            .getObjectAsBytes(
                r ->
                    r.bucket(stack.s3.settings().bucket())
                        .key(id + "/backups/" + backupId + ".json"));
    JsonNode catalog = new ObjectMapper().readTree(entry.asUtf8String());
    assertThat(catalog.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(catalog.path("stanza").asText()).isEqualTo(id);
    assertThat(catalog.path("start").path("lsn").asText())
        .isEqualTo(backup.path("start_lsn").asText());
    assertThat(catalog.path("snapshot").path("snapshot_ids")).isNotEmpty();
  }

  /** The cluster's record of the operation once it has finished, or the last one seen. */
  private static JsonNode awaitFinished(OpsApi ops, String clusterId, String operationId)
      throws Exception {
    long deadline = System.nanoTime() + OPERATION_BOUND.toNanos();
    JsonNode op = ops.operation(clusterId, operationId);
    while (!isFinished(op) && System.nanoTime() < deadline) {
      Thread.sleep(POLL.toMillis());
      op = ops.operation(clusterId, operationId);
    }
    return op;
  }

  private static boolean isFinished(JsonNode op) {
    String state = op.path("state").asText();
    return state.equals("succeeded") || state.equals("failed");
  }
}
