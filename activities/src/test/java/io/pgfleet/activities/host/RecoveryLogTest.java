package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryLogTest {

  private static final String EARLIER_RUN =
      "2026-11-22 07:00:00.000 UTC [10] LOG:  recovery stopping at restore point \"old\"\n";

  private static final String RECOVERY =
      """
      2026-11-22 08:00:00.100 UTC [20] LOG:  starting point-in-time recovery to XID 745
      2026-11-22 08:00:00.200 UTC [21] FATAL:  the database system is starting up
      2026-11-22 08:00:01.000 UTC [20] LOG:  recovery stopping after commit of transaction 745, \
      time 2026-11-22 07:59:00.123456+00
      2026-11-22 08:00:01.001 UTC [20] LOG:  redo done at 0/5000110 system usage: CPU: user: 0.00 s
      2026-11-22 08:00:01.002 UTC [20] LOG:  selected new timeline ID: 2
      """;

  private static final String FAILED =
      """
      2026-11-22 08:00:00.200 UTC [21] FATAL:  the database system is not yet accepting connections
      2026-11-22 08:00:02.000 UTC [20] FATAL:  recovery ended before configured recovery target \
      was reached
      2026-11-22 08:00:02.001 UTC [19] LOG:  startup process (PID 20) exited with exit code 1
      2026-11-22 08:00:02.002 UTC [22] FATAL:  the database system is shutting down
      """;

  @TempDir Path dir;

  @Test
  void readsOnlyWhatThisRecoveryLogged() throws Exception {
    Path file = dir.resolve("postgres.log");
    Files.writeString(file, EARLIER_RUN);
    long offset = RecoveryLog.size(file);
    Files.writeString(file, EARLIER_RUN + RECOVERY);

    RecoveryLog log = RecoveryLog.read(file, offset);

    assertThat(log.stopReason())
        .hasValue(
            "recovery stopping after commit of transaction 745,"
                + " time 2026-11-22 07:59:00.123456+00");
    assertThat(log.redoDoneAt()).hasValue("0/5000110");
    assertThat(RecoveryLog.read(dir.resolve("missing.log"), 0).stopReason()).isEmpty();
  }

  @Test
  void theServersFatalLineWinsOverTurnedAwayClients() {
    assertThat(new RecoveryLog(FAILED).failure())
        .hasValue(
            "2026-11-22 08:00:02.000 UTC [20] FATAL:  recovery ended before configured recovery"
                + " target was reached");
    assertThat(new RecoveryLog(RECOVERY).failure())
        .hasValue("2026-11-22 08:00:00.200 UTC [21] FATAL:  the database system is starting up");
    assertThat(new RecoveryLog(EARLIER_RUN).failure()).isEmpty();
  }
}
