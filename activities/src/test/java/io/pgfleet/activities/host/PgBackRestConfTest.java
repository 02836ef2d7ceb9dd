package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.host.ArchiveSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgBackRestConfTest {

  @TempDir Path dir;

  static ArchiveSettings settings(String caPem, ArchiveSettings.UriStyle style) {
    return new ArchiveSettings(
        ArchiveSettings.stanzaFor("c-1"),
        "s3.example.net",
        443,
        "backups",
        "eu-west-1",
        "AKIDEXAMPLE",
        "secret/key+1",
        ArchiveSettings.repositoryPathFor("c-1"),
        true,
        caPem,
        style);
  }

  @Test
  void rendersTheRepositoryPerVmPathsAndTheStanzaOfThisNode() {
    HostEnvironment env = TestEnvironments.vm(dir);
    HostLayout layout = new HostLayout(env);
    PgBackRestFiles files = new PgBackRestFiles(layout);

    String conf =
        PgBackRestConf.render(
            settings("-----BEGIN CERTIFICATE-----\n", ArchiveSettings.UriStyle.HOST),
            true,
            files,
            env,
            layout);

    assertThat(conf)
        .contains("[global]\nrepo1-type=s3\n")
        .contains("repo1-s3-endpoint=s3.example.net\n")
        .contains("repo1-storage-port=443\n")
        .contains("repo1-s3-uri-style=host\n")
        .contains("repo1-storage-verify-tls=y\n")
        .contains("repo1-storage-ca-file=" + files.caFile() + "\n")
        .contains("repo1-s3-key=AKIDEXAMPLE\nrepo1-s3-key-secret=secret/key+1\n")
        .contains("repo1-path=/c-1\n")
        .contains("spool-path=" + dir.resolve("data/pgbackrest/spool") + "\n")
        .contains("lock-path=" + dir.resolve("data/pgbackrest/lock") + "\n")
        .contains("archive-async=y\n")
        .contains("[global:archive-push]\nprocess-max=2\n")
        .contains("[c-1]\npg1-path=" + dir.resolve("store/postgres") + "\n")
        .contains("pg1-socket-path=" + dir.resolve("data/sock") + "\n")
        .contains("pg1-port=5432\npg1-user=postgres\n");
    assertThat(PgBackRestConf.stanzaOf(conf)).hasValue("c-1");
  }

  @Test
  void pathStyleWithoutOwnCaAndSynchronousPush() {
    HostEnvironment env = TestEnvironments.vm(dir);
    HostLayout layout = new HostLayout(env);

    String conf =
        PgBackRestConf.render(
            settings(null, null), false, new PgBackRestFiles(layout), env, layout);

    assertThat(conf)
        .contains("repo1-s3-uri-style=path\n")
        .contains("archive-async=n\n")
        .doesNotContain("repo1-storage-ca-file");
  }

  @Test
  void settingsNeverPrintTheirKeys() {
    String text = settings(null, ArchiveSettings.UriStyle.PATH).toString();

    assertThat(text).contains("c-1").doesNotContain("secret/key+1").doesNotContain("AKIDEXAMPLE");
  }
}
