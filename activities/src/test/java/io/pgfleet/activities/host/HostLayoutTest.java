package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostLayoutTest {

  @Test
  void pidFilesFollowTheConventionTheCloudReads() {
    HostLayout layout = new HostLayout(TestEnvironments.vm(Path.of("/vm")));

    assertThat(layout.pidFile(HostLayout.POSTGRES))
        .isEqualTo(Path.of("/vm/data/sys/run/postgres.pid"));
    assertThat(layout.pidFile(HostLayout.PGPOOL)).isEqualTo(Path.of("/vm/data/sys/run/pgpool.pid"));
    assertThat(layout.pgData()).isEqualTo(Path.of("/vm/store/postgres"));
    assertThat(layout.socketDir()).isEqualTo(Path.of("/vm/data/sock"));
  }

  @Test
  void refusesADataDirTooDeepForUnixSockets() {
    HostLayout layout = new HostLayout(TestEnvironments.vm(Path.of("/" + "d".repeat(90))));

    assertThatThrownBy(() -> layout.checkSocketPath(5432)).hasMessageContaining("too long");
  }
}
