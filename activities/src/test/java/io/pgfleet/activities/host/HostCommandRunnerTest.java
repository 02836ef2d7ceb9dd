package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCommandRunnerTest {

  private static final Path SH = Path.of("/bin/sh");

  @TempDir Path dir;

  @Test
  void everyProcessCarriesTheVmMarkerAndExtraEnvironment() {
    CommandResult result =
        runner()
            .run(
                HostCommand.of(Duration.ofSeconds(10), SH, "-c", "echo $PGFLEET_VM_ID $EXTRA")
                    .withEnv("EXTRA", "yes"));

    assertThat(result.output().strip()).isEqualTo("vm-test yes");
  }

  @Test
  void aNonZeroExitFailsWithTheCommandItsCodeAndTheEndOfItsOutput() {
    HostCommand failing =
        HostCommand.of(Duration.ofSeconds(10), SH, "-c", "echo starting; echo broken >&2; exit 3");

    assertThatThrownBy(() -> runner().run(failing))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureType.HOST_COMMAND_FAILED.name());
              assertThat(f.getOriginalMessage())
                  .startsWith("sh exited with code 3: /bin/sh -c")
                  .contains("starting\nbroken");
            });
    assertThat(runner().probe(failing).exitCode()).isEqualTo(3);
  }

  @Test
  void aCommandThatOverrunsItsTimeoutIsKilledAndReported() {
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> runner().run(HostCommand.of(Duration.ofMillis(300), SH, "-c", "sleep 30")))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theEnvironmentsCommandPrefixLaunchesEveryProgram() {
    HostEnvironment plain = TestEnvironments.vm(dir);
    HostEnvironment prefixed =
        new HostEnvironment(
            plain.vmId(),
            plain.nodeName(),
            plain.address(),
            plain.storeDir(),
            plain.dataDir(),
            plain.runAsUser(),
            plain.postgresBinDir(),
            plain.pgpoolBin(),
            plain.postgresPort(),
            plain.pgpoolPort(),
            plain.pcpPort(),
            List.of("/usr/bin/env", "LAUNCHED_BY=prefix"));

    CommandResult result =
        new HostCommandRunner(prefixed)
            .run(HostCommand.of(Duration.ofSeconds(10), SH, "-c", "echo $LAUNCHED_BY"));

    assertThat(result.output().strip()).isEqualTo("prefix");
    assertThat(plain.commandPrefix()).isEmpty();
  }

  private HostCommandRunner runner() {
    return new HostCommandRunner(TestEnvironments.vm(dir));
  }
}
