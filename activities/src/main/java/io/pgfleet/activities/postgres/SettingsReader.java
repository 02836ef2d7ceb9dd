package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.postgres.ShowSettingsInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * showSettings: {@code current_setting(name, true)} for each name, which prints what SHOW prints
 * and gives null for a name the server does not know; the names travel as one bound array, never
 * spliced into SQL.
 */
final class SettingsReader {

  private static final String QUERY =
      "SELECT n, current_setting(n, true) FROM unnest(?::text[]) WITH ORDINALITY AS t(n, i)"
          + " ORDER BY i";

  private final SqlConnector connector;

  SettingsReader(SqlConnector connector) {
    this.connector = connector;
  }

  Map<String, String> show(ShowSettingsInput input) {
    if (input == null || input.node() == null) {
      throw SqlFailures.invalid("showSettings needs a node");
    }
    List<String> names = input.names() == null ? List.of() : input.names();
    HostPort target = HostPort.of(input.node());
    Map<String, String> values = new LinkedHashMap<>();
    try (Connection c =
            connector.connect(
                target, SqlConnector.ADMIN_DATABASE, input.node().superuserPassword(), "node");
        PreparedStatement s = c.prepareStatement(QUERY)) {
      s.setArray(1, c.createArrayOf("text", names.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          values.put(rs.getString(1), rs.getString(2));
        }
      }
      return values;
    } catch (SQLException e) {
      throw SqlFailures.of("reading settings " + names + " on " + target, e);
    }
  }
}
