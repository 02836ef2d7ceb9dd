package io.pgfleet.gateway.inventory;

import io.pgfleet.workflows.operation.OperationType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only audit of every request (operation_log; a trigger forbids UPDATE/DELETE). */
@Repository
public class OperationLog {

  private final JdbcClient jdbc;

  public OperationLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(
      String instanceId,
      String bindingId,
      String operationId,
      OperationType type,
      AuditEvent event,
      String detail) {
    jdbc.sql(
            "INSERT INTO operation_log"
                + " (instance_id, binding_id, operation_id, operation_type, event, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(instanceId, bindingId, operationId, column(type), event.column(), detail)
        .update();
  }

  /**
   * Records how an operation ended unless its end is already recorded (polls repeat). Returns true
   * when this call wrote the row.
   */
  public boolean recordOutcomeOnce(
      String instanceId, String operationId, OperationType type, AuditEvent event, String detail) {
    return jdbc.sql(
                """
                INSERT INTO operation_log
                    (instance_id, operation_id, operation_type, event, detail)
                SELECT ?, ?, ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM operation_log
                                  WHERE operation_id = ? AND event IN ('succeeded', 'failed'))
                """)
            .params(instanceId, operationId, column(type), event.column(), detail, operationId)
            .update()
        == 1;
  }

  /** The instance an operation belongs to, from the row that first recorded the operation id. */
  public Optional<String> instanceOf(String operationId) {
    return jdbc.sql(
            "SELECT instance_id FROM operation_log WHERE operation_id = ? ORDER BY id LIMIT 1")
        .param(operationId)
        .query(String.class)
        .optional();
  }

  /** The type an operation id was requested as. */
  public Optional<OperationType> typeOf(String operationId) {
    return jdbc.sql(
            "SELECT operation_type FROM operation_log WHERE operation_id = ? ORDER BY id LIMIT 1")
        .param(operationId)
        .query((rs, row) -> OperationType.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)))
        .optional();
  }

  public List<AuditEntry> forInstance(String instanceId) {
    return jdbc.sql("SELECT * FROM operation_log WHERE instance_id = ? ORDER BY id")
        .param(instanceId)
        .query(OperationLog::map)
        .list();
  }

  private static AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        InstanceRepository.instant(rs.getTimestamp("at")),
        rs.getString("instance_id"),
        rs.getString("binding_id"),
        rs.getString("operation_id"),
        OperationType.valueOf(rs.getString("operation_type").toUpperCase(Locale.ROOT)),
        AuditEvent.valueOf(rs.getString("event").toUpperCase(Locale.ROOT)),
        rs.getString("detail"));
  }

  private static String column(OperationType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
