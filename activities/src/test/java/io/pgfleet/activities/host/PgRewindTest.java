package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgRewindTest {

  @TempDir Path dir;

  private final PostgresSettings.Upstream upstream =
      new PostgresSettings.Upstream("127.0.9.2", 5433, "postgres_1", "replicator");

  @Test
  void connectsAsSuperuserWithThePasswordFileNotAPassword() {
    PostgresNode node = new PostgresNode(TestEnvironments.vm(dir));

    HostCommand command = new PgRewind(node).command(upstream);

    assertThat(command.programName()).isEqualTo("pg_rewind");
    assertThat(command.argv())
        .contains("-D", node.layout().pgData().toString())
        .doesNotContain("--restore-target-wal");
    String source =
        command.argv().stream().filter(a -> a.startsWith("--source-server=")).findFirst().get();
    assertThat(source)
        .contains("host='127.0.9.2'", "port='5433'", "user='postgres'")
        .contains("passfile='" + node.layout().pgpassFile() + "'")
        .doesNotContain("password");
    assertThat(command.env()).isEmpty();
  }

  @Test
  void fetchesArchivedWalOfTheTargetWhenItHasARestoreCommand() throws Exception {
    PostgresNode node = new PostgresNode(TestEnvironments.vm(dir));
    Files.createDirectories(node.layout().pgData());
    Files.writeString(
        node.layout().pgData().resolve(PostgresConf.FILE_NAME),
        "restore_command = 'pgbackrest archive-get %f \"%p\"'\n");

    assertThat(new PgRewind(node).command(upstream).argv()).contains("--restore-target-wal");
  }
}
