package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.verify.BackupSentinel;
import io.pgfleet.workflows.verify.SentinelInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Writes a backup's sentinel row on the primary; writing it again changes nothing. */
final class SentinelWriter {

  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS public."
          + BackupSentinel.TABLE
          + " (backup_id text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())";

  static final String INSERT_ROW =
      "INSERT INTO public."
          + BackupSentinel.TABLE
          + " (backup_id) VALUES (?) ON CONFLICT (backup_id) DO NOTHING";

  private final SqlConnector connector;

  SentinelWriter(SqlConnector connector) {
    this.connector = connector;
  }

  void write(SentinelInput input) {
    if (input.backupId() == null || input.backupId().isBlank()) {
      throw SqlFailures.invalid("no backup id given for the sentinel row");
    }
    HostPort primary = HostPort.of(input.primary());
    try (Connection c =
        connector.connect(
            primary, BackupSentinel.DATABASE, input.primary().superuserPassword(), "primary")) {
      try (Statement create = c.createStatement()) {
        create.execute(CREATE_TABLE);
      }
      try (PreparedStatement insert = c.prepareStatement(INSERT_ROW)) {
        insert.setString(1, input.backupId());
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw SqlFailures.of(
          "writing the sentinel row of backup " + input.backupId() + " on " + primary, e);
    }
  }
}
