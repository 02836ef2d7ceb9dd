package io.pgfleet.workflows.host;

/** What a PostgreSQL node is, as its node agent sees it. */
public enum PostgresRole {
  /** The disk holds no cluster yet. */
  UNINITIALIZED,
  /** A cluster is on disk but the server does not run. */
  STOPPED,
  PRIMARY,
  STANDBY
}
