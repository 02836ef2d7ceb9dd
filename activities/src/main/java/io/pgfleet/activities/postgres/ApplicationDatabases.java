package io.pgfleet.activities.postgres;

import static io.pgfleet.activities.postgres.SqlNames.quoted;

import io.pgfleet.workflows.postgres.ApplicationDatabaseInput;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application database and the NOLOGIN role that owns it and everything in it. Bindings come
 * and go; what they create belongs to this role, so it survives an unbind.
 */
final class ApplicationDatabases {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationDatabases.class);

  private final SqlConnector connector;

  ApplicationDatabases(SqlConnector connector) {
    this.connector = connector;
  }

  void ensure(ApplicationDatabaseInput input) {
    String database = SqlNames.applicationDatabase(input.database());
    String owner = SqlNames.applicationRole(input.ownerRole(), "owner role");
    HostPort primary = HostPort.of(input.primary());
    String what = "ensuring database " + database + " owned by " + owner + " on " + primary;
    try (Connection c =
        connector.connect(
            primary, SqlConnector.ADMIN_DATABASE, input.primary().superuserPassword(), "primary")) {
      ensureOwner(c, owner);
      // CREATE DATABASE refuses to run inside a transaction: the connection stays in autocommit.
      Optional<String> currentOwner = Catalog.databaseOwner(c, database);
      if (currentOwner.isEmpty()) {
        Catalog.execute(c, "CREATE DATABASE " + quoted(database) + " OWNER " + quoted(owner));
        LOG.info("created database {} owned by {} on {}", database, owner, primary);
      } else if (!currentOwner.get().equals(owner)) {
        Catalog.execute(c, "ALTER DATABASE " + quoted(database) + " OWNER TO " + quoted(owner));
        LOG.info("database {} on {} now owned by {}", database, primary, owner);
      }
      // Only roles granted CONNECT (the bindings) may connect; PUBLIC may by default.
      Catalog.execute(c, "REVOKE CONNECT ON DATABASE " + quoted(database) + " FROM PUBLIC");
    } catch (SQLException e) {
      throw SqlFailures.of(what, e);
    }
  }

  private static void ensureOwner(Connection c, String owner) throws SQLException {
    Optional<Catalog.Role> existing = Catalog.role(c, owner);
    if (existing.isEmpty()) {
      Catalog.execute(c, "CREATE ROLE " + quoted(owner) + " NOLOGIN");
    } else if (existing.get().privileged()) {
      throw SqlFailures.conflict(
          "owner role " + owner + " exists with superuser or replication rights; refusing it");
    }
  }
}
