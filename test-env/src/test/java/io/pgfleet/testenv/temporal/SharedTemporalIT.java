package io.pgfleet.testenv.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-JVM server other tests share. */
class SharedTemporalIT {

  @Test
  void isStartedOnceAndRunsWorkflows() throws Exception {
    SharedTemporal shared = SharedTemporal.get();
    assertThat(SharedTemporal.get()).isSameAs(shared);
    assertThat(shared.server().isRunning()).isTrue();
    try (EchoRun run = EchoRun.on(shared.client())) {
      assertThat(run.echo("shared")).isEqualTo("SHARED!");
    }
  }
}
