package io.pgfleet.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.pgfleet.workflows.operation.OperationType;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/** The audit log is append-only in the database itself, whoever connects. */
class OperationLogIT extends GatewayIntegrationTest {

  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  @Autowired OperationLog log;

  @Test
  void rowsCanBeAddedAndRead() {
    String instance = newId();
    log.record(instance, null, "op-1", OperationType.PROVISION, AuditEvent.REQUESTED, "plan small");

    assertThat(log.forInstance(instance))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.operationType()).isEqualTo(OperationType.PROVISION);
              assertThat(e.event()).isEqualTo(AuditEvent.REQUESTED);
              assertThat(e.detail()).isEqualTo("plan small");
              assertThat(e.at()).isNotNull();
            });
    assertThat(log.instanceOf("op-1")).isPresent();
  }

  @Test
  void updateIsRejected() {
    String instance = newId();
    log.record(instance, null, newId(), OperationType.PROVISION, AuditEvent.REQUESTED, null);

    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE operation_log SET event = 'succeeded' WHERE instance_id = ?")
                    .param(instance)
                    .update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .isInstanceOf(PSQLException.class)
        .hasMessageContaining("operation_log is append-only: UPDATE is not allowed")
        .extracting(e -> ((PSQLException) e).getSQLState())
        .isEqualTo(INSUFFICIENT_PRIVILEGE);
  }

  @Test
  void deleteAndTruncateAreRejected() {
    String instance = newId();
    log.record(instance, null, newId(), OperationType.PROVISION, AuditEvent.REQUESTED, null);

    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM operation_log WHERE instance_id = ?")
                    .param(instance)
                    .update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .isInstanceOf(PSQLException.class)
        .hasMessageContaining("operation_log is append-only: DELETE is not allowed")
        .extracting(e -> ((PSQLException) e).getSQLState())
        .isEqualTo(INSUFFICIENT_PRIVILEGE);
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE operation_log").update())
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .isInstanceOf(PSQLException.class)
        .hasMessageContaining("operation_log is append-only: TRUNCATE is not allowed")
        .extracting(e -> ((PSQLException) e).getSQLState())
        .isEqualTo(INSUFFICIENT_PRIVILEGE);
    assertThat(log.forInstance(instance)).hasSize(1);
  }

  @Test
  void outcomeIsRecordedOnlyOnce() {
    String instance = newId();
    String op = newId();

    assertThat(
            log.recordOutcomeOnce(
                instance, op, OperationType.PROVISION, AuditEvent.SUCCEEDED, null))
        .isTrue();
    assertThat(
            log.recordOutcomeOnce(
                instance, op, OperationType.PROVISION, AuditEvent.SUCCEEDED, null))
        .isFalse();
    assertThat(log.forInstance(instance)).hasSize(1);
  }
}
