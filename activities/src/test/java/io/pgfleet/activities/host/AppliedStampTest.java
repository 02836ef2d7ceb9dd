package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppliedStampTest {

  @TempDir Path dir;

  @Test
  void readsBackTheFilesItRecorded() {
    AppliedStamp stamp =
        new AppliedStamp(dir.resolve("run/x.applied"), new HostFiles(TestEnvironments.vm(dir)));

    assertThat(stamp.read(2)).isEmpty();
    stamp.record(List.of("port = '5432'\n", "local all postgres trust\n"));

    assertThat(stamp.read(2)).hasValue(List.of("port = '5432'\n", "local all postgres trust\n"));
    assertThat(stamp.read(3)).isEmpty();
  }
}
