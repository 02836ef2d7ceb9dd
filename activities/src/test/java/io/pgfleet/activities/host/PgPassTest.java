package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class PgPassTest {

  @Test
  void escapesColonsAndBackslashesAndReadsThemBack() {
    PgPass pgpass = new PgPass("s:u\\p", "replicator", "r:p");

    String text = pgpass.render();

    assertThat(text).isEqualTo("*:*:*:postgres:s\\:u\\\\p\n*:*:replication:replicator:r\\:p\n");
    assertThat(PgPass.parse(text)).hasValue(pgpass);
    assertThat(pgpass.toString()).doesNotContain("s:u");
  }

  @Test
  void refusesCredentialsThatCannotGoIntoTheFiles() {
    assertThatThrownBy(() -> PgPass.from(new PostgresCredentials("secret", "bad user", "secret")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureType.INVALID_INPUT.name());
              assertThat(f.isNonRetryable()).isTrue();
            });
    assertThatThrownBy(() -> PgPass.from(new PostgresCredentials("two\nlines", "repl", "x")))
        .hasMessageContaining("single line");
  }
}
