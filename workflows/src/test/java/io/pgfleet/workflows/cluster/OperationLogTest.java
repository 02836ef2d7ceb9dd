package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.operation.OperationState;
import io.pgfleet.workflows.operation.OperationType;
import io.pgfleet.workflows.operation.OperationView;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationLogTest {

  private final OperationLog log = new OperationLog(null, null);

  private static OperationView finished(String id, OperationType type) {
    return OperationViews.succeeded(OperationViews.queued(id, "c-1", type, 1_000), 2_000);
  }

  @Test
  void keepsTheNewestOperationsAndAlwaysTheProvision() {
    log.put(finished("provision", OperationType.PROVISION));
    for (int i = 0; i < 30; i++) {
      log.put(finished("bind-" + i, OperationType.BIND));
    }

    List<OperationView> views = log.views();
    assertThat(views).hasSize(OperationLog.MAX_OPERATIONS);
    assertThat(views.get(0).operationId()).isEqualTo("provision");
    assertThat(views.get(1).operationId()).isEqualTo("bind-11");
    assertThat(views.get(views.size() - 1).operationId()).isEqualTo("bind-29");
    assertThat(log.latest(OperationType.PROVISION)).isPresent();
  }

  @Test
  void neverDropsAnOperationThatHasNotFinished() {
    log.put(OperationViews.queued("deprovision", "c-1", OperationType.DEPROVISION, 1_000));
    for (int i = 0; i < 30; i++) {
      log.put(finished("bind-" + i, OperationType.BIND));
    }

    assertThat(log.find("deprovision"))
        .get()
        .extracting(OperationView::state)
        .isEqualTo(OperationState.QUEUED);
  }

  @Test
  void aRecordWithTheSameIdIsReplacedInPlace() {
    OperationView queued = OperationViews.queued("p", "c-1", OperationType.PROVISION, 1_000);
    log.put(queued);
    log.put(finished("b", OperationType.BIND));

    log.put(OperationViews.failed(OperationViews.inProgress(queued), "no capacity", 3_000));

    assertThat(log.views())
        .extracting(OperationView::operationId, OperationView::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("p", OperationState.FAILED),
            org.assertj.core.groups.Tuple.tuple("b", OperationState.SUCCEEDED));
    assertThat(log.find("p").orElseThrow().error()).isEqualTo("no capacity");
  }

  @Test
  void remembersTheNewestRequestIdsOnly() {
    for (int i = 0; i < OperationLog.MAX_REQUEST_IDS + 5; i++) {
      log.remember("op-" + i);
    }
    log.remember("op-5");

    assertThat(log.requestIds()).hasSize(OperationLog.MAX_REQUEST_IDS);
    assertThat(log.seen("op-4")).isFalse();
    assertThat(log.seen("op-6")).isTrue();
    assertThat(log.requestIds()).endsWith("op-5");
    assertThat(new OperationLog(List.of(), log.requestIds()).seen("op-5")).isTrue();
  }
}
