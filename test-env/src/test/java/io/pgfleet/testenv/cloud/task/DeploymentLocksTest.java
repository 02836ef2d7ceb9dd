package io.pgfleet.testenv.cloud.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeploymentLocksTest {

  private static final Duration SHORT = Duration.ofMillis(100);

  @Test
  void aHeldLockMakesOthersFailWithTheHoldersTaskAndReleasesOnClose() throws Exception {
    DeploymentLocks locks = new DeploymentLocks();
    AutoCloseable held = locks.acquire("pg", 7, "create deployment", SHORT, () -> {});
    assertThat(locks.held()).extracting(DeploymentLocks.Held::taskId).containsExactly(7L);
    assertThat(locks.held().get(0).timeout()).matches("\\d+\\.\\d{6}");

    assertThatThrownBy(() -> locks.acquire("pg", 8, "delete deployment pg", SHORT, () -> {}))
        .hasMessageMatching(
            "Failed to acquire lock for lock:deployment:pg uid: [0-9a-f-]{36}\\. Locking task id is"
                + " 7, description: 'create deployment', deployment: 'pg'");
    locks.acquire("other", 9, "create deployment", SHORT, () -> {}).close();

    held.close();
    assertThat(locks.held()).isEmpty();
    locks.acquire("pg", 10, "create deployment", SHORT, () -> {}).close();
  }
}
