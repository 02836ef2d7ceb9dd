package io.pgfleet.gateway.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** service_bindings: one row per binding id (OSB binding ids are globally unique). */
@Repository
public class BindingRepository {

  private final JdbcClient jdbc;

  public BindingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<BindingRow> find(String bindingId) {
    return jdbc.sql(
            "SELECT binding_id, instance_id, parameters::text AS parameters, app_guid,"
                + " created_at, deleted_at FROM service_bindings WHERE binding_id = ?")
        .param(bindingId)
        .query(BindingRepository::map)
        .optional();
  }

  /** Stores a new binding, reusing the id of a deleted one; false if a live one has this id. */
  public boolean insert(BindingRow binding) {
    int rows =
        jdbc.sql(
                """
                INSERT INTO service_bindings (binding_id, instance_id, parameters, app_guid)
                VALUES (:binding, :instance, :parameters::jsonb, :app)
                ON CONFLICT (binding_id) DO UPDATE SET
                    instance_id = EXCLUDED.instance_id, parameters = EXCLUDED.parameters,
                    app_guid = EXCLUDED.app_guid, created_at = now(), deleted_at = NULL
                WHERE service_bindings.deleted_at IS NOT NULL
                """)
            .param("binding", binding.bindingId())
            .param("instance", binding.instanceId())
            .param("parameters", Json.write(binding.parameters()))
            .param("app", binding.appGuid())
            .update();
    return rows == 1;
  }

  public void markDeleted(String bindingId) {
    jdbc.sql(
            "UPDATE service_bindings SET deleted_at = now()"
                + " WHERE binding_id = ? AND deleted_at IS NULL")
        .param(bindingId)
        .update();
  }

  private static BindingRow map(ResultSet rs, int row) throws SQLException {
    return new BindingRow(
        rs.getString("binding_id"),
        rs.getString("instance_id"),
        Json.read(rs.getString("parameters")),
        rs.getString("app_guid"),
        InstanceRepository.instant(rs.getTimestamp("created_at")),
        InstanceRepository.instant(rs.getTimestamp("deleted_at")));
  }
}
