package io.pgfleet.activities.postgres;

import io.pgfleet.workflows.verify.BackupSentinel;
import io.pgfleet.workflows.verify.RestoreCheck;
import io.pgfleet.workflows.verify.RestoreCheckInput;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a restored copy: every database that accepts connections, every populated table and
 * materialized view outside the system schemas, each row converted to text (which reads its TOASTed
 * values too), then the backup's sentinel row. A read that fails is a problem of the answer; only a
 * server that cannot be reached at all fails (retryably, by {@link SqlConnector}).
 */
final class RestoredDataCheck {

  /**
   * No per-statement limit: reading a large table is the point; the activity's timeout bounds it.
   */
  private static final int NO_STATEMENT_LIMIT = 0;

  static final String DATABASES =
      "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname";

  static final String RELATIONS =
      "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'm') AND c.relispopulated"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
          + " ORDER BY n.nspname, c.relname";

  private final SqlConnector connector;
  private final Runnable progress;

  /**
   * @param progress called after each relation (the activity heartbeats)
   */
  RestoredDataCheck(SqlConnector connector, Runnable progress) {
    this.connector = connector;
    this.progress = progress;
  }

  RestoreCheck check(RestoreCheckInput input) {
    HostPort primary = HostPort.of(input.primary());
    String password = input.primary().superuserPassword();
    Tally tally = new Tally();
    List<String> databases;
    boolean sentinel;
    try (Connection admin = connect(primary, BackupSentinel.DATABASE, password)) {
      databases = names(admin, DATABASES);
      sentinel = sentinelPresent(admin, input.backupId(), tally);
    } catch (SQLException e) {
      throw SqlFailures.retryable("listing the databases of " + primary + ": " + e.getMessage(), e);
    }
    for (String database : databases) {
      readDatabase(primary, password, database, tally);
    }
    return new RestoreCheck(
        databases.size(), tally.relations, tally.rows, sentinel, List.copyOf(tally.problems));
  }

  private void readDatabase(HostPort primary, String password, String database, Tally tally) {
    try (Connection c = connect(primary, database, password)) {
      List<String[]> relations = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(RELATIONS);
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          relations.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] relation : relations) {
        if (!read(c, database, relation[0], relation[1], tally)) {
          return;
        }
        progress.run();
      }
    } catch (SQLException e) {
      tally.problem(database + ": " + e.getMessage());
    } catch (ApplicationFailure cannotConnect) {
      // The server answered for the first database; one it refuses is a finding, not an outage.
      tally.problem(database + ": " + cannotConnect.getOriginalMessage());
    }
  }

  /** Reads one relation fully; false when the connection is gone and the database is given up. */
  private static boolean read(
      Connection c, String database, String schema, String relation, Tally tally)
      throws SQLException {
    String sql = "SELECT count(*), sum(length(t::text)) FROM " + quoted(schema, relation) + " t";
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      tally.relations++;
      tally.rows += rs.getLong(1);
      return true;
    } catch (SQLException e) {
      tally.problem(database + "." + schema + "." + relation + ": " + e.getMessage());
      return c.isValid(1);
    }
  }

  private static boolean sentinelPresent(Connection c, String backupId, Tally tally)
      throws SQLException {
    List<String> table =
        names(c, "SELECT to_regclass('public." + BackupSentinel.TABLE + "')::text");
    if (table.isEmpty() || table.get(0) == null) {
      return false;
    }
    String sql = "SELECT count(*) FROM public." + BackupSentinel.TABLE + " WHERE backup_id = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, backupId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      tally.problem(
          BackupSentinel.DATABASE + ".public." + BackupSentinel.TABLE + ": " + e.getMessage());
      return false;
    }
  }

  private static List<String> names(Connection c, String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private Connection connect(HostPort primary, String database, String password) {
    return connector.connect(primary, database, password, "restored primary", NO_STATEMENT_LIMIT);
  }

  static String quoted(String schema, String relation) {
    return identifier(schema) + "." + identifier(relation);
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** What the reads found so far. */
  private static final class Tally {
    int relations;
    long rows;
    final List<String> problems = new ArrayList<>();

    void problem(String problem) {
      if (problems.size() < RestoreCheck.MAX_PROBLEMS) {
        problems.add(problem);
      }
    }
  }
}
