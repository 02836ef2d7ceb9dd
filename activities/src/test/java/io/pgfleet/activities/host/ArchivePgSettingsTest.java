package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivePgSettingsTest {

  @TempDir Path dir;

  private PgBackRestFiles files(Path vmDir) {
    return new PgBackRestFiles(new HostLayout(TestEnvironments.vm(vmDir)));
  }

  @Test
  void pushesAndFetchesThroughThisVmsConfiguration() {
    PgBackRestFiles files = files(dir);

    Map<String, String> settings = ArchivePgSettings.of("c-1", files);

    String prefix = files.binary() + " --config=" + files.config() + " --stanza=c-1";
    assertThat(settings)
        .containsEntry("archive_mode", "on")
        .containsEntry("archive_command", prefix + " archive-push %p")
        .containsEntry("restore_command", prefix + " archive-get %f \"%p\"")
        .containsEntry("archive_timeout", "60s");
    assertThat(ArchivePgSettings.stanzaOf(settings)).hasValue("c-1");
    assertThat(ArchivePgSettings.stanzaOf(Map.of("archive_command", "cp %p /mnt/%f"))).isEmpty();
  }

  @Test
  void aBaseBackupsSettingsAreRetargetedAtThisVmsConfiguration() {
    Map<String, String> fromPrimary = ArchivePgSettings.of("c-1", files(dir.resolve("primary")));
    PgBackRestFiles standby = files(dir.resolve("standby"));

    Map<String, String> written =
        ArchivePgSettings.carryOver(Map.of("port", "5432"), fromPrimary, standby);

    assertThat(written).containsEntry("port", "5432");
    assertThat(written).containsAllEntriesOf(ArchivePgSettings.of("c-1", standby));
  }

  @Test
  void thisVmsOwnStanzaWinsAndNoArchivingStaysNone() throws Exception {
    PgBackRestFiles files = files(dir);
    Map<String, String> plain = Map.of("port", "5432");
    assertThat(ArchivePgSettings.carryOver(plain, Map.of(), files)).isEqualTo(plain);

    Files.createDirectories(files.config().getParent());
    Files.writeString(files.config(), "[global]\nrepo1-type=s3\n\n[c-2]\npg1-path=/x\n");
    Map<String, String> copied = ArchivePgSettings.of("c-1", files(dir.resolve("other")));

    assertThat(ArchivePgSettings.carryOver(plain, copied, files))
        .containsAllEntriesOf(ArchivePgSettings.of("c-2", files));
  }

  @Test
  void explicitArchivingSettingsAreLeftAsGiven() {
    PgBackRestFiles files = files(dir);
    Map<String, String> wanted = ArchivePgSettings.of("c-3", files);

    assertThat(ArchivePgSettings.carryOver(wanted, ArchivePgSettings.of("c-1", files), files))
        .isEqualTo(wanted);
  }

  @Test
  void heldArchivingKeepsWalWithoutNamingAStanza() {
    PgBackRestFiles files = files(dir);

    Map<String, String> held = ArchivePgSettings.held();

    assertThat(held)
        .containsEntry("archive_mode", "on")
        .containsEntry("archive_command", ArchivePgSettings.HELD_COMMAND)
        .doesNotContainKey("restore_command");
    assertThat(ArchivePgSettings.HELD_COMMAND).endsWith("exit 1");
    assertThat(ArchivePgSettings.stanzaOf(held)).isEmpty();
    assertThat(ArchivePgSettings.restoreCommand(files.restoreConfig(), "c-9", files))
        .isEqualTo(
            files.binary()
                + " --config="
                + files.restoreConfig()
                + " --stanza=c-9 archive-get %f \"%p\"");
  }
}
