package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlDataTest {

  @Test
  void readsTheLatestCheckpointAndItsTimeline() {
    String output =
        """
        pg_control version number:            1300
        Database cluster state:               shut down
        Latest checkpoint location:           0/3000028
        Latest checkpoint's REDO location:    0/3000028
        Latest checkpoint's TimeLineID:       2
        Latest checkpoint's PrevTimeLineID:   1
        """;

    assertThat(ControlData.parse(output)).hasValue(new ControlData(2, "0/3000028"));
    assertThat(ControlData.parse("garbage")).isEmpty();
  }

  @Test
  void readsTheDatabaseSystemIdentifier() {
    String output =
        """
        pg_control version number:            1300
        Catalog version number:               202209061
        Database system identifier:           7441096466468356120
        Database cluster state:               in production
        """;

    assertThat(ControlData.systemIdentifier(output)).hasValue("7441096466468356120");
    assertThat(ControlData.systemIdentifier("garbage")).isEmpty();
  }
}
