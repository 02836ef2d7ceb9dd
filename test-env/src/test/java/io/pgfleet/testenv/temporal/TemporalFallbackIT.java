package io.pgfleet.testenv.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A broken CLI path: the Java test server takes over, and the warning says what is missing. */
class TemporalFallbackIT {

  @TempDir Path workDir;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger launcherLog = (Logger) LoggerFactory.getLogger(TemporalLauncher.class);

  @BeforeEach
  void captureLauncherLog() {
    logged.start();
    launcherLog.addAppender(logged);
  }

  @AfterEach
  void releaseLauncherLog() {
    launcherLog.detachAppender(logged);
  }

  @Test
  void badCliFallsBackToTestServerWithSearchAttributesAndAWarning() throws Exception {
    Path badCli = workDir.resolve("no-such-dir/temporal");
    try (TemporalServer server =
        TemporalLauncher.start(TemporalLaunchOptions.defaults(workDir).withCli(badCli))) {
      assertThat(server.kind()).isEqualTo(TemporalServer.Kind.JAVA_TEST_SERVER);
      assertThat(server.address()).startsWith("127.0.0.1:");
      assertThat(server.uiUrl()).isEmpty();

      try (EchoRun run = EchoRun.on(server)) {
        // Starting with PgClusterId set only works if the launcher registered it.
        assertThat(run.echo("cluster-b")).isEqualTo("CLUSTER-B!");
        assertThat(run.clusterIdSearchAttribute()).isEqualTo("cluster-b");
      }
      assertThat(server.isRunning()).isTrue();
      server.close();
      assertThat(server.isRunning()).isFalse();
    }
    assertThat(logged.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains(
                        badCli.toString(), "FALLING BACK", "Web UI", "Schedules", "list/count"));
  }

  @Test
  void withoutFallbackABadCliIsAnErrorNamingIt() {
    Path badCli = workDir.resolve("missing-temporal");
    TemporalLaunchOptions options =
        TemporalLaunchOptions.defaults(workDir).withCli(badCli).withFallbackAllowed(false);
    assertThatThrownBy(() -> TemporalLauncher.start(options))
        .isInstanceOf(TemporalStartException.class)
        .hasMessageContaining(badCli.toString());
  }
}
