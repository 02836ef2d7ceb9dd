package io.pgfleet.workflows.cluster;

import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import io.pgfleet.workflows.operation.StepRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's recent operations (newest last) and the request ids it has accepted, both bounded
 * because they travel through continue-as-new. Operations that run inside the cluster workflow
 * (bind, unbind) are tracked live through their {@link StepRecorder}.
 */
final class OperationLog {

  /** Enough for an operator's "what happened lately"; the inventory keeps the full audit log. */
  static final int MAX_OPERATIONS = 20;

  /** Platforms retry a request within minutes; 200 ids cover far more than that. */
  static final int MAX_REQUEST_IDS = 200;

  private final List<OperationView> operations;
  private final LinkedHashSet<String> requestIds;
  private final Map<String, StepRecorder> live = new HashMap<>();

  OperationLog(List<OperationView> operations, List<String> requestIds) {
    this.operations = new ArrayList<>(operations == null ? List.of() : operations);
    this.requestIds = new LinkedHashSet<>(requestIds == null ? List.of() : requestIds);
  }

  /** Remembers a request id so a repeat is recognised, also after continue-as-new. */
  void remember(String requestId) {
    requestIds.remove(requestId);
    requestIds.add(requestId);
    Iterator<String> oldest = requestIds.iterator();
    while (requestIds.size() > MAX_REQUEST_IDS) {
      oldest.next();
      oldest.remove();
    }
  }

  boolean seen(String requestId) {
    return requestIds.contains(requestId);
  }

  /** Adds the operation, or replaces the record with the same id in place. */
  void put(OperationView operation) {
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).operationId().equals(operation.operationId())) {
        operations.set(i, operation);
        return;
      }
    }
    operations.add(operation);
    prune();
  }

  /** An operation the cluster workflow runs itself; views read its steps live. */
  void started(StepRecorder recorder) {
    OperationView view = recorder.view();
    live.put(view.operationId(), recorder);
    put(view);
  }

  void finished(StepRecorder recorder) {
    OperationView view = recorder.view();
    live.remove(view.operationId());
    put(view);
  }

  Optional<OperationView> find(String operationId) {
    return views().stream().filter(o -> o.operationId().equals(operationId)).findFirst();
  }

  /** The newest operation of that type. */
  Optional<OperationView> latest(OperationType type) {
    for (int i = operations.size() - 1; i >= 0; i--) {
      if (operations.get(i).type() == type) {
        return find(operations.get(i).operationId());
      }
    }
    return Optional.empty();
  }

  List<OperationView> views() {
    return operations.stream()
        .map(o -> live.containsKey(o.operationId()) ? live.get(o.operationId()).view() : o)
        .toList();
  }

  List<String> requestIds() {
    return List.copyOf(requestIds);
  }

  /**
   * Drops the oldest finished operations beyond the bound, but never the provision: it answers
   * repeated provision requests and says how the cluster came to be.
   */
  private void prune() {
    Iterator<OperationView> oldest = operations.iterator();
    while (operations.size() > MAX_OPERATIONS && oldest.hasNext()) {
      OperationView candidate = oldest.next();
      boolean running = !candidate.state().finished() || live.containsKey(candidate.operationId());
      if (candidate.type() != OperationType.PROVISION && !running) {
        oldest.remove();
      }
    }
  }
}
