package io.pgfleet.gateway.clusters;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pgfleet.workflows.FailureType;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.List;

/**
 * Turns Temporal client exceptions into the gateway's typed ones. Update validators reject with a
 * message that starts with a category ("conflict:", "concurrency:", "not found:"); a message
 * without one is invalid input.
 */
final class TemporalFailures {

  private static final String CONFLICT = "conflict:";
  private static final String CONCURRENCY = "concurrency:";
  private static final String NOT_FOUND = "not found:";

  /** Failure types of work that ran and failed, as opposed to a request that was refused. */
  private static final List<String> OPERATION_FAILURE_TYPES =
      Arrays.stream(FailureType.values())
          .filter(type -> type != FailureType.INVALID_INPUT)
          .map(Enum::name)
          .toList();

  private TemporalFailures() {}

  static ClusterOperationException translate(String clusterId, String action, RuntimeException e) {
    if (e instanceof WorkflowUpdateException update) {
      return fromUpdateFailure(clusterId, action, update.getCause());
    }
    if (isNotFound(e)) {
      return new NotFoundException("cluster " + clusterId + " does not exist");
    }
    return new UnavailableException(
        action
            + " of cluster "
            + clusterId
            + " could not be delivered to the workflow service: "
            + rootMessage(e),
        e);
  }

  static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  private static ClusterOperationException fromUpdateFailure(
      String clusterId, String action, Throwable cause) {
    if (cause instanceof ApplicationFailure failure) {
      String message = failure.getOriginalMessage();
      if (message.startsWith(CONFLICT)) {
        return new ConflictException(message.substring(CONFLICT.length()).trim());
      }
      if (message.startsWith(CONCURRENCY)) {
        return new ConcurrencyException(message.substring(CONCURRENCY.length()).trim());
      }
      if (message.startsWith(NOT_FOUND)) {
        return new NotFoundException(message.substring(NOT_FOUND.length()).trim());
      }
      if (!OPERATION_FAILURE_TYPES.contains(failure.getType())) {
        return new InvalidRequestException(message);
      }
    }
    return new OperationFailedException(
        action + " of cluster " + clusterId + " failed: " + rootMessage(cause), cause);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof ApplicationFailure failure
        ? failure.getOriginalMessage()
        : String.valueOf(root.getMessage());
  }
}
