package io.pgfleet.gateway.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** service_instances: one row per instance id, kept (with deleted_at) after deprovisioning. */
@Repository
public class InstanceRepository {

  private static final String COLUMNS =
      "id, service_id, plan_id, parameters::text AS parameters, context::text AS context,"
          + " created_at, deleted_at, last_operation_id";

  private final JdbcClient jdbc;

  public InstanceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The instance with this id, deleted or not. */
  public Optional<InstanceRecord> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM service_instances WHERE id = ?")
        .param(id)
        .query(InstanceRepository::map)
        .optional();
  }

  /** Instances that exist now, oldest first. */
  public List<InstanceRecord> live() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM service_instances WHERE deleted_at IS NULL"
                + " ORDER BY created_at, id")
        .query(InstanceRepository::map)
        .list();
  }

  /**
   * Stores a new instance, reusing the id of a deleted one. Returns false when a live instance with
   * this id exists (also one a concurrent request has just committed).
   */
  public boolean insert(InstanceRecord instance) {
    int rows =
        jdbc.sql(
                """
                INSERT INTO service_instances
                    (id, service_id, plan_id, parameters, context, last_operation_id)
                VALUES (:id, :service, :plan, :parameters::jsonb, :context::jsonb, :operation)
                ON CONFLICT (id) DO UPDATE SET
                    service_id = EXCLUDED.service_id, plan_id = EXCLUDED.plan_id,
                    parameters = EXCLUDED.parameters, context = EXCLUDED.context,
                    last_operation_id = EXCLUDED.last_operation_id,
                    created_at = now(), deleted_at = NULL
                WHERE service_instances.deleted_at IS NOT NULL
                """)
            .param("id", instance.id())
            .param("service", instance.serviceId())
            .param("plan", instance.planId())
            .param("parameters", Json.write(instance.parameters()))
            .param("context", Json.write(instance.context()))
            .param("operation", instance.lastOperationId())
            .update();
    return rows == 1;
  }

  /** After a plan change succeeded: the plan the cluster runs now. */
  public void setPlan(String id, String planId) {
    jdbc.sql("UPDATE service_instances SET plan_id = ? WHERE id = ?").params(planId, id).update();
  }

  public void setLastOperation(String id, String operationId) {
    jdbc.sql("UPDATE service_instances SET last_operation_id = ? WHERE id = ?")
        .params(operationId, id)
        .update();
  }

  /** Marks the instance and its bindings deleted; a no-op if they already are. */
  public void markDeleted(String id) {
    jdbc.sql(
            "UPDATE service_bindings SET deleted_at = now()"
                + " WHERE instance_id = ? AND deleted_at IS NULL")
        .param(id)
        .update();
    jdbc.sql("UPDATE service_instances SET deleted_at = now() WHERE id = ? AND deleted_at IS NULL")
        .param(id)
        .update();
  }

  private static InstanceRecord map(ResultSet rs, int row) throws SQLException {
    return new InstanceRecord(
        rs.getString("id"),
        rs.getString("service_id"),
        rs.getString("plan_id"),
        Json.read(rs.getString("parameters")),
        Json.read(rs.getString("context")),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("deleted_at")),
        rs.getString("last_operation_id"));
  }

  static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
