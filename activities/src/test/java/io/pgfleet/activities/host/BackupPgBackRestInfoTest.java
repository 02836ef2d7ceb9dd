package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.host.PgBackRestBackup;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class BackupPgBackRestInfoTest {

  /** The shape of pgBackRest 2.45's info --output=json, trimmed to what is read. */
  private static final String INFO =
      """
      [{"name":"c-1","backup":[
        {"annotation":{"pgfleet-backup-id":"b-1"},
         "archive":{"start":"000000020000000000000004","stop":"000000020000000000000005"},
         "info":{"delta":24000000,"repository":{"delta":3000000,"size":3000000},"size":24000000},
         "label":"20240611-101500F","lsn":{"start":"0/4000028","stop":"0/5000100"},
         "prior":null,"timestamp":{"start":1718100900,"stop":1718100905},"type":"full"},
        {"archive":{"start":"000000020000000000000007","stop":"000000020000000000000007"},
         "info":{"delta":1000,"repository":{"delta":200,"size":3000200},"size":24001000},
         "label":"20240611-101500F_20240611-111500I","lsn":{"start":"0/7000028","stop":"0/7000100"},
         "prior":"20240611-101500F","timestamp":{"start":1718104500,"stop":1718104502},
         "type":"incr"}]}]
      """;

  @Test
  void findsTheAnnotatedSetWithItsPositionsTimesAndSizes() {
    PgBackRestBackup backup =
        BackupPgBackRestInfo.find(INFO, "pgfleet-backup-id", "b-1").orElseThrow();

    assertThat(backup)
        .isEqualTo(
            new PgBackRestBackup(
                "b-1",
                "20240611-101500F",
                "full",
                null,
                "0/4000028",
                "0/5000100",
                "000000020000000000000004",
                "000000020000000000000005",
                2,
                1_718_100_900_000L,
                1_718_100_905_000L,
                24_000_000L,
                3_000_000L));
  }

  @Test
  void aSetWithoutTheAnnotationIsNotFound() {
    assertThat(BackupPgBackRestInfo.find(INFO, "pgfleet-backup-id", "b-2")).isEmpty();
    assertThat(BackupPgBackRestInfo.find("[{\"name\":\"c-1\"}]", "pgfleet-backup-id", "b-1"))
        .isEmpty();
  }

  @Test
  void outputThatIsNotJsonFailsNamingTheCommand() {
    assertThatThrownBy(() -> BackupPgBackRestInfo.find("ERROR: [055]", "k", "v"))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("pgbackrest info printed no JSON");
  }

  @Test
  void theTimelineIsTheFirstEightHexDigitsOfAWalFileName() {
    assertThat(BackupSql.timelineOf("000000010000000000000005")).isEqualTo(1);
    assertThat(BackupSql.timelineOf("0000001A0000000000000005")).isEqualTo(26);
  }
}
