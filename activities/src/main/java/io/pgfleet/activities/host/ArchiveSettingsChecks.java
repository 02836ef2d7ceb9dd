package io.pgfleet.activities.host;

import io.pgfleet.workflows.host.ArchiveSettings;
import java.util.regex.Pattern;

/**
 * Validation of ArchiveSettings before they reach pgbackrest.conf (one option per line: a line
 * break or stray blank would change the configuration) and archive_command (run by a shell).
 */
final class ArchiveSettingsChecks {
  private ArchiveSettingsChecks() {}

  /** Safe in a shell word, a file name and an ini section header. */
  private static final Pattern STANZA = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** S3 bucket naming rules (lower case, digits, dots, hyphens; 3-63 characters). */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final Pattern REGION = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern REPO_PATH = Pattern.compile("(/[A-Za-z0-9._-]+)+|/");
  private static final Pattern KEY = Pattern.compile("\\S{1,256}");
  private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

  static ArchiveSettings valid(ArchiveSettings s) {
    if (s == null) {
      throw InputChecks.invalid("archive settings are missing");
    }
    matches(s.stanza(), STANZA, "stanza");
    InputChecks.host(s.endpoint(), "S3 endpoint");
    InputChecks.port(s.port(), "S3 port");
    matches(s.bucket(), BUCKET, "S3 bucket");
    matches(s.region(), REGION, "S3 region");
    matches(s.repositoryPath(), REPO_PATH, "repository path");
    secret(s.accessKey(), "S3 access key");
    secret(s.secretKey(), "S3 secret key");
    if (s.caPem() != null && !s.caPem().contains(PEM_CERTIFICATE)) {
      throw InputChecks.invalid("the S3 CA is not a PEM certificate (" + PEM_CERTIFICATE + ")");
    }
    return s;
  }

  private static void matches(String value, Pattern pattern, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw InputChecks.invalid(what + " '" + value + "' must match " + pattern.pattern());
    }
  }

  /** Keys are checked without echoing them into the failure message. */
  private static void secret(String value, String what) {
    if (value == null || !KEY.matcher(value).matches()) {
      throw InputChecks.invalid(what + " must be 1-256 characters without blanks or line breaks");
    }
  }
}
