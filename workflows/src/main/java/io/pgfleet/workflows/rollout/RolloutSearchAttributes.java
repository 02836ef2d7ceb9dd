package io.pgfleet.workflows.rollout;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;

/**
 * A rollout's progress as search attributes (registered in temporal-config/search-attributes.txt),
 * so the Web UI and visibility queries list rollouts by state without querying each.
 */
final class RolloutSearchAttributes {

  static final SearchAttributeKey<String> ROLLOUT_ID = SearchAttributeKey.forKeyword("PgRolloutId");
  static final SearchAttributeKey<String> STATE = SearchAttributeKey.forKeyword("PgRolloutState");
  static final SearchAttributeKey<Long> SUCCEEDED =
      SearchAttributeKey.forLong("PgRolloutSucceeded");
  static final SearchAttributeKey<Long> FAILED = SearchAttributeKey.forLong("PgRolloutFailed");

  private RolloutSearchAttributes() {}

  static void publish(RolloutProgress progress) {
    Workflow.upsertTypedSearchAttributes(
        ROLLOUT_ID.valueSet(progress.rolloutId()),
        STATE.valueSet(progress.state().name()),
        SUCCEEDED.valueSet((long) progress.succeeded()),
        FAILED.valueSet((long) progress.failed()));
  }
}
