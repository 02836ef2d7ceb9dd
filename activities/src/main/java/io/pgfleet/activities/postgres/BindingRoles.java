package io.pgfleet.activities.postgres;

import static io.pgfleet.activities.postgres.SqlNames.quoted;

import io.pgfleet.workflows.postgres.BindingRoleInput;
import io.pgfleet.workflows.postgres.DropBindingRoleInput;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LOGIN role per binding. Each acts as the shared owner role ({@code SET role} at login), so
 * every binding sees and owns the same objects and dropping one binding loses nothing.
 */
final class BindingRoles {

  private static final Logger LOG = LoggerFactory.getLogger(BindingRoles.class);

  /** Hashed here, so neither the wire nor a server log ever carries the plain password. */
  private static final String PASSWORD_ENCRYPTION = "scram-sha-256";

  private final SqlConnector connector;

  BindingRoles(SqlConnector connector) {
    this.connector = connector;
  }

  void ensure(BindingRoleInput input) {
    Names names = Names.of(input.database(), input.ownerRole(), input.username());
    if (input.password() == null || input.password().isEmpty()) {
      throw SqlFailures.invalid("no password given for binding role " + names.user);
    }
    HostPort primary = HostPort.of(input.primary());
    String password = input.primary().superuserPassword();
    String what = "ensuring binding role " + names.user + " on " + primary;
    try (Connection c =
        connector.connect(primary, SqlConnector.ADMIN_DATABASE, password, "primary")) {
      requireApplicationDatabase(c, names);
      // One transaction: a role never exists half set up (e.g. without its password).
      c.setAutoCommit(false);
      if (usable(c, names.user).isEmpty()) {
        Catalog.execute(
            c, "CREATE ROLE " + quoted(names.user) + " LOGIN IN ROLE " + quoted(names.owner));
      } else {
        Catalog.execute(c, "ALTER ROLE " + quoted(names.user) + " LOGIN");
        Catalog.execute(c, "GRANT " + quoted(names.owner) + " TO " + quoted(names.user));
      }
      c.unwrap(PGConnection.class)
          .alterUserPassword(names.user, input.password().toCharArray(), PASSWORD_ENCRYPTION);
      Catalog.execute(
          c, "ALTER ROLE " + quoted(names.user) + " SET role = " + SqlNames.literal(names.owner));
      Catalog.execute(
          c, "GRANT CONNECT ON DATABASE " + quoted(names.database) + " TO " + quoted(names.user));
      c.commit();
    } catch (SQLException e) {
      throw SqlFailures.of(what, e);
    }
    try (Connection c = connector.connect(primary, names.database, password, "primary")) {
      // PostgreSQL 15 no longer lets everyone create in public; the owner role must.
      Catalog.execute(c, "GRANT ALL ON SCHEMA public TO " + quoted(names.owner));
    } catch (SQLException e) {
      throw SqlFailures.of(what, e);
    }
    LOG.info(
        "binding role {} acts as {} in {} on {}", names.user, names.owner, names.database, primary);
  }

  void drop(DropBindingRoleInput input) {
    Names names = Names.of(input.database(), input.ownerRole(), input.username());
    HostPort primary = HostPort.of(input.primary());
    String password = input.primary().superuserPassword();
    String what = "dropping binding role " + names.user + " on " + primary;
    try (Connection c =
        connector.connect(primary, SqlConnector.ADMIN_DATABASE, password, "primary")) {
      if (usable(c, names.user).isEmpty()) {
        LOG.info("binding role {} on {} is already gone", names.user, primary);
        return;
      }
      if (Catalog.databaseOwner(c, names.database).isPresent()) {
        boolean ownerExists = Catalog.role(c, names.owner).isPresent();
        try (Connection db = connector.connect(primary, names.database, password, "primary")) {
          if (ownerExists) {
            Catalog.execute(
                db, "REASSIGN OWNED BY " + quoted(names.user) + " TO " + quoted(names.owner));
          }
          // Also revokes its privileges, CONNECT on the database included.
          Catalog.execute(db, "DROP OWNED BY " + quoted(names.user));
        }
      }
      Catalog.execute(c, "DROP ROLE IF EXISTS " + quoted(names.user));
      LOG.info("dropped binding role {} on {}", names.user, primary);
    } catch (SQLException e) {
      throw SqlFailures.of(what, e);
    }
  }

  private static void requireApplicationDatabase(Connection c, Names names) throws SQLException {
    if (Catalog.role(c, names.owner).isEmpty()
        || Catalog.databaseOwner(c, names.database).isEmpty()) {
      throw SqlFailures.invalid(
          "database "
              + names.database
              + " or its owner role "
              + names.owner
              + " does not exist; ensure the application database first");
    }
  }

  /** The role if it exists; a privileged role of that name is never a binding's to change. */
  private static Optional<Catalog.Role> usable(Connection c, String user) throws SQLException {
    Optional<Catalog.Role> role = Catalog.role(c, user);
    if (role.isPresent() && role.get().privileged()) {
      throw SqlFailures.conflict(
          "role " + user + " has superuser or replication rights; it is not a binding's role");
    }
    return role;
  }

  private record Names(String database, String owner, String user) {
    static Names of(String database, String owner, String user) {
      Names names =
          new Names(
              SqlNames.applicationDatabase(database),
              SqlNames.applicationRole(owner, "owner role"),
              SqlNames.applicationRole(user, "username"));
      if (names.user.equals(names.owner)) {
        throw SqlFailures.invalid("username " + user + " must differ from the owner role");
      }
      return names;
    }
  }
}
