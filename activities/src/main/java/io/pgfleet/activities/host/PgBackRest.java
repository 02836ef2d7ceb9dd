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

  private final PgBackRestFiles files;
  private final HostCommandRunner runner;
  private final String address;

  PgBackRest(PgBackRestFiles files, HostCommandRunner runner, String address) {
    this.files = files;
    this.runner = runner;
    this.address = address;
  }

  /** Creates the stanza; an existing stanza of this same database is success. */
  void stanzaCreate(String stanza) {
    run(STANZA_CREATE_TIMEOUT, stanza, "stanza-create");
  }

  /** Verifies configuration, repository access and that a fresh WAL segment gets archived. */
  void check(String stanza) {
    run(CHECK_TIMEOUT, stanza, "check");
  }

  private void run(Duration timeout, String stanza, String command) {
    HostCommand cmd =
        HostCommand.of(
            timeout,
            files.binary(),
            "--config=" + files.config(),
            "--stanza=" + stanza,
            "--log-level-console=warn",
            command);
    CommandResult result = runner.probe(cmd);
    if (result.succeeded()) {
      return;
    }
    if (result.output().contains(MISMATCH)) {
      throw HostFailures.of(
          FailureType.HOST_STATE_CONFLICT,
          "stanza "
              + stanza
              + " in the repository belongs to another database than PostgreSQL on "
              + address
              + ": "
              + result.tail());
    }
    throw HostCommandRunner.failure(cmd, result);
  }
}
