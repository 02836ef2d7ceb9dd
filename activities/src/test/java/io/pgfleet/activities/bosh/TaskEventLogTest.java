package io.pgfleet.activities.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskEventLogTest {

  private static final String STAGE =
      "{\"time\":1,\"stage\":\"Updating instance\",\"tags\":[\"postgres\"],\"total\":2,"
          + "\"task\":\"postgres/abc (0) (canary)\",\"index\":1,\"state\":\"started\",\"progress\":0}";
  private static final String WARNING = "{\"time\":2,\"type\":\"warning\",\"message\":\"slow\"}";

  @Test
  void readsCompleteLinesAndStopsBeforeAPartialOne() {
    String text = STAGE + "\n" + WARNING + "\n" + "{\"time\":3,\"sta";
    byte[] slice = text.getBytes(StandardCharsets.UTF_8);

    TaskEvents events = TaskEventLog.parse(slice, 100);

    assertThat(events.events()).hasSize(2);
    assertThat(events.events().get(0).stage()).isEqualTo("Updating instance");
    assertThat(events.events().get(0).tags()).containsExactly("postgres");
    assertThat(events.events().get(1).isWarning()).isTrue();
    int complete = (STAGE + "\n" + WARNING + "\n").getBytes(StandardCharsets.UTF_8).length;
    assertThat(events.nextOffset()).isEqualTo(100 + complete);
  }

  @Test
  void skipsAnUnreadableLineButKeepsTheRest() {
    byte[] slice = ("not json\n" + WARNING + "\n").getBytes(StandardCharsets.UTF_8);

    TaskEvents events = TaskEventLog.parse(slice, 0);

    assertThat(events.events()).singleElement().extracting(BoshEvent::message).isEqualTo("slow");
    assertThat(events.nextOffset()).isEqualTo(slice.length);
  }

  @Test
  void lastErrorPrefersTheLatestErrorText() {
    String failedStage =
        "{\"time\":4,\"stage\":\"Updating instance\",\"task\":\"pgpool/x (1)\",\"state\":\"failed\","
            + "\"data\":{\"error\":\"pgpool is not running after update\"}}";
    String error =
        "{\"time\":5,\"error\":{\"code\":450001,\"message\":\"pgpool/x is not running\"}}";
    byte[] slice = (failedStage + "\n" + error + "\n").getBytes(StandardCharsets.UTF_8);

    TaskEvents events = TaskEventLog.parse(slice, 0);

    assertThat(events.events().get(0).isFailedStage()).isTrue();
    assertThat(events.events().get(0).errorMessage())
        .isEqualTo("pgpool is not running after update");
    assertThat(events.lastError().isError()).isTrue();
    assertThat(events.lastError().errorCode()).isEqualTo(450001);
    assertThat(events.lastError().errorMessage()).isEqualTo("pgpool/x is not running");
  }
}
