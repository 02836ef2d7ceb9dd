package io.pgfleet.activities.host;

import java.nio.file.Path;

/** HostEnvironments for unit tests: nothing is started, so paths need not exist. */
final class TestEnvironments {
  private TestEnvironments() {}

  static HostEnvironment vm(Path dir) {
    return new HostEnvironment(
        "vm-test",
        "postgres_1",
        "127.0.9.3",
        dir.resolve("store"),
        dir.resolve("data"),
        null,
        Path.of("/usr/lib/postgresql/15/bin"),
        Path.of("/usr/sbin/pgpool"),
        5432,
        9999,
        9898);
  }
}
