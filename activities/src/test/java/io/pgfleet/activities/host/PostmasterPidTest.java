package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterPidTest {

  @TempDir Path dir;

  @Test
  void readsPidAndStatus() {
    String running =
        "4242\n/data/postgres\n1795000000\n5432\n/data/sock\n127.0.0.2\n  5432001  32768\nstandby \n";

    assertThat(PostmasterPid.parse(running)).hasValue(new PostmasterPid(4242, "standby"));
    assertThat(PostmasterPid.parse(running).orElseThrow().acceptsConnections()).isTrue();
    assertThat(PostmasterPid.parse("4242\n/data\n").orElseThrow().acceptsConnections()).isFalse();
    assertThat(PostmasterPid.parse("")).isEmpty();
  }

  @Test
  void aLiveProcessWorkingElsewhereIsNoPostmasterOfThisDirectory() throws Exception {
    long self = ProcessHandle.current().pid();
    Path cwd = Path.of("").toAbsolutePath();
    Files.writeString(dir.resolve(PostmasterPid.FILE_NAME), self + "\n");

    PostmasterPid pid = PostmasterPid.read(dir).orElseThrow();

    assertThat(pid.runsIn(dir)).isFalse();
    assertThat(pid.runsIn(cwd)).isTrue();
    assertThat(new PostmasterPid(Integer.MAX_VALUE, "ready").runsIn(cwd)).isFalse();
  }
}
