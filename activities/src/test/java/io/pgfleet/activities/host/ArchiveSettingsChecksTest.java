package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.ArchiveSettings;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class ArchiveSettingsChecksTest {

  private static final ArchiveSettings GOOD =
      PgBackRestConfTest.settings(null, ArchiveSettings.UriStyle.PATH);

  @Test
  void acceptsWellFormedSettings() {
    assertThat(ArchiveSettingsChecks.valid(GOOD)).isSameAs(GOOD);
  }

  @Test
  void rejectsWhatWouldBreakTheConfigurationOrTheShellCommand() {
    assertInvalid(GOOD.forCluster("c 1; rm -rf /"), "stanza");
    assertInvalid(
        new ArchiveSettings(
            "c-1", "s3", 443, "Bad_Bucket", "r", "a", "s", "/c-1", true, null, null),
        "S3 bucket");
    assertInvalid(
        new ArchiveSettings("c-1", "s3", 443, "bucket", "r", "a", "s", "c-1", true, null, null),
        "repository path");
    assertInvalid(
        new ArchiveSettings(
            "c-1", "s3", 443, "bucket", "r", "a", "s", "/c-1", true, "not a pem", null),
        "CA");
  }

  @Test
  void aBadKeyIsRejectedWithoutQuotingIt() {
    ArchiveSettings injected = GOOD.withKeys("AKID", "secret\nrepo1-path=/elsewhere");

    assertThatThrownBy(() -> ArchiveSettingsChecks.valid(injected))
        .hasMessageContaining("S3 secret key")
        .hasMessageNotContaining("secret\n")
        .hasMessageNotContaining("elsewhere");
  }

  private static void assertInvalid(ArchiveSettings settings, String what) {
    assertThatThrownBy(() -> ArchiveSettingsChecks.valid(settings))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining(what)
        .satisfies(
            e ->
                assertThat(((ApplicationFailure) e).getType())
                    .isEqualTo(FailureType.INVALID_INPUT.name()));
  }
}
