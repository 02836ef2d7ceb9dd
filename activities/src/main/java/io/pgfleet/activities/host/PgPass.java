package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.PostgresCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The libpq password file on the persistent disk: the superuser's password (the agent's own
 * connections) and the replication user's (pg_basebackup and the standby's walreceiver).
 */
record PgPass(String superuserPassword, String replicationUser, String replicationPassword) {

  static final String SUPERUSER = "postgres";

  /** libpq's pseudo-database that replication connections match in a pgpass file. */
  private static final String REPLICATION_DATABASE = "replication";

  /** The passwords an activity input carries, checked so they fit the files they go into. */
  static PgPass from(PostgresCredentials credentials) {
    if (credentials == null) {
      throw InputChecks.invalid("credentials are missing");
    }
    return new PgPass(
        password(credentials.superuserPassword(), "superuser password"),
        InputChecks.roleName(credentials.replicationUser(), "replication user"),
        password(credentials.replicationPassword(), "replication password"));
  }

  private static String password(String value, String what) {
    return InputChecks.singleLine(InputChecks.required(value, what), what);
  }

  @Override
  public String toString() {
    return "PgPass[replicationUser=" + replicationUser + ", passwords=***]";
  }

  String render() {
    return "*:*:*:"
        + SUPERUSER
        + ":"
        + escape(superuserPassword)
        + "\n"
        + "*:*:"
        + REPLICATION_DATABASE
        + ":"
        + replicationUser
        + ":"
        + escape(replicationPassword)
        + "\n";
  }

  static Optional<PgPass> parse(String text) {
    String superuser = null;
    String replicationUser = null;
    String replicationPassword = null;
    for (String line : text.split("\n")) {
      List<String> fields = split(line);
      if (fields.size() != 5) {
        continue;
      }
      if (fields.get(2).equals("*") && fields.get(3).equals(SUPERUSER)) {
        superuser = fields.get(4);
      } else if (fields.get(2).equals(REPLICATION_DATABASE)) {
        replicationUser = fields.get(3);
        replicationPassword = fields.get(4);
      }
    }
    return superuser == null
        ? Optional.empty()
        : Optional.of(new PgPass(superuser, replicationUser, replicationPassword));
  }

  /** pgpass syntax: ':' and '\' inside a field are backslash-escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace(":", "\\:");
  }

  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        field.append(line.charAt(++i));
      } else if (c == ':') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
