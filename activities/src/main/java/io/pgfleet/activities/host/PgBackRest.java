package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.time.Duration;

/** pgBackRest commands the agent runs itself, as the service user with this VM's config. */
final class PgBackRest {

  /** A few small requests to the object store; a stuck store must surface, not hang. */
  private static final Duration STANZA_CREATE_TIMEOUT = Duration.ofSeconds(120);

  /**
   * check waits up to pgBackRest's archive-timeout (60 s) for the segment it switched to reach the
   * repository; the rest is room for the requests around it.
   */
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(150);

  /** The repository's info files belong to another database system (another cluster's data). */
  private static final String MISMATCH = "do not match the database";

  /** Another pgBackRest process holds the stanza's lock. */
  private static final String LOCKED = "unable to acquire lock";

  /**
   * The archiver's async push holds the stanza's archive lock while it works through a backlog
   * (held WAL released after a restore): seconds, so a few tries a second apart.
   */
  private static final int LOCK_RETRIES = 10;

  private static final long LOCK_RETRY_MILLIS = 1_000;

  private final PgBackRestFiles files;
  private final HostCommandRunner runner;
  private final String address;

  PgBackRest(PgBackRestFiles files, HostCommandRunner runner, String address) {
    this.files = files;
    this.runner = runner;
    this.address = address;
  }

  /**
   * Creates the stanza; an existing stanza of this same database is success. False when the stanza
   * exists for another database system (its info files carry another system identifier).
   */
  boolean tryStanzaCreate(String stanza) {
    HostCommand cmd = command(STANZA_CREATE_TIMEOUT, stanza, "stanza-create");
    CommandResult result = runner.probe(cmd);
    for (int retry = 0; retry < LOCK_RETRIES && result.output().contains(LOCKED); retry++) {
      SwitchoverWriteHold.sleep(LOCK_RETRY_MILLIS);
      result = runner.probe(cmd);
    }
    if (result.succeeded()) {
      return true;
    }
    if (result.output().contains(MISMATCH)) {
      return false;
    }
    throw HostCommandRunner.failure(cmd, result);
  }

  /**
   * Points the stanza at this database system: a new history entry in its info files, so WAL from
   * now on goes into a new archive id beside the old one, which keeps what it holds. Up to date
   * already is success.
   */
  void stanzaUpgrade(String stanza) {
    run(STANZA_CREATE_TIMEOUT, stanza, "stanza-upgrade");
  }

  /** Verifies configuration, repository access and that a fresh WAL segment gets archived. */
  void check(String stanza) {
    run(CHECK_TIMEOUT, stanza, "check");
  }

  RuntimeException mismatch(String stanza, String detail) {
    return HostFailures.of(
        FailureType.HOST_STATE_CONFLICT,
        "stanza "
            + stanza
            + " in the repository belongs to another database than PostgreSQL on "
            + address
            + detail);
  }

  private void run(Duration timeout, String stanza, String command) {
    HostCommand cmd = command(timeout, stanza, command);
    CommandResult result = runner.probe(cmd);
    if (result.succeeded()) {
      return;
    }
    if (result.output().contains(MISMATCH)) {
      throw mismatch(stanza, ": " + result.tail());
    }
    throw HostCommandRunner.failure(cmd, result);
  }

  private HostCommand command(Duration timeout, String stanza, String command) {
    return HostCommand.of(
        timeout,
        files.binary(),
        "--config=" + files.config(),
        "--stanza=" + stanza,
        "--log-level-console=warn",
        command);
  }
}
