package io.pgfleet.workflows.restore;

import io.pgfleet.workflows.cluster.ClusterNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Idempotency keys of the restore's side effects, derived from the operation id and the node, so a
 * retried activity (or a replayed workflow) reuses the first attempt's volume or BOSH task.
 */
final class RestoreNaming {

  /** EC2 accepts client tokens of at most 64 ASCII characters. */
  static final int MAX_CLIENT_TOKEN = 64;

  static final String TAG_CLUSTER = "pgfleet:cluster";
  static final String TAG_RESTORE = "pgfleet:restore";
  static final String TAG_BACKUP = "pgfleet:backup";

  private RestoreNaming() {}

  /** The client token of the node's restored volume, e.g. {@code restore/op-1/postgres_0}. */
  static String volumeToken(String operationId, ClusterNode node) {
    String token = "restore/" + operationId + "/" + node.nodeName();
    if (token.length() <= MAX_CLIENT_TOKEN) {
      return token;
    }
    // a long operation id still needs a stable token: a name-based UUID of the same text
    return "restore/" + UUID.nameUUIDFromBytes(token.getBytes(StandardCharsets.UTF_8));
  }

  /** X-Bosh-Context-Id of one BOSH task of the restore, e.g. {@code op-1/attach/postgres_0}. */
  static String context(String operationId, String action, ClusterNode node) {
    return operationId + "/" + action + "/" + node.nodeName();
  }
}
