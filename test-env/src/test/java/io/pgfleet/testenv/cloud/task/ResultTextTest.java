package io.pgfleet.testenv.cloud.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTextTest {

  @Test
  void shortResultsStayAsTheyAre() {
    assertThat(ResultText.truncate("  /deployments/pg-1 ")).isEqualTo("/deployments/pg-1");
  }

  @Test
  void longResultsAreCutAtAWordAndMarked() {
    String long1 = "Failed to acquire lock for lock:deployment:pg-1 uid: " + "word ".repeat(30);
    String cut = ResultText.truncate(long1);
    assertThat(cut).endsWith("word...").hasSizeLessThanOrEqualTo(ResultText.MAX_LENGTH + 3);
    assertThat(long1).startsWith(cut.substring(0, cut.length() - 3));
  }
}
