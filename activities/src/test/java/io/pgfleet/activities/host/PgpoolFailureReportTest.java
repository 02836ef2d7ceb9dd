package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PgpoolFailureReportTest {

  @Test
  void readsWhatTheHookWrites() {
    PgpoolFailureReport report =
        PgpoolFailureReport.parse(
            "{\"failed_node_id\":0,\"failed_host\":\"127.0.1.2\",\"failed_port\":5432,"
                + "\"old_primary_node_id\":0,\"at_millis\":1795322123703}\n");

    assertThat(report).isEqualTo(new PgpoolFailureReport(0, "127.0.1.2", 5432, 0, 1795322123703L));
    assertThat(report.primaryFailed()).isTrue();
  }

  @Test
  void aDetachedStandbyIsNotThePrimaryFailing() {
    assertThat(new PgpoolFailureReport(1, "127.0.1.3", 5432, 0, 1L).primaryFailed()).isFalse();
    assertThat(new PgpoolFailureReport(-1, "invalid", -1, -1, 1L).primaryFailed()).isFalse();
  }

  @Test
  void refusesAnythingElseNamingWhatIsMissing() {
    assertThatThrownBy(() -> PgpoolFailureReport.parse("{\"failed_node_id\":0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a pgpool failure report");
    assertThatThrownBy(() -> PgpoolFailureReport.parse("[]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PgpoolFailureReport.parse(
                    "{\"failed_node_id\":0,\"failed_host\":\"h\",\"failed_port\":5432,"
                        + "\"at_millis\":1}"))
        .hasMessageContaining("old_primary_node_id");
  }

  @Test
  void reportsLiveInTheVmsRunDirectory() {
    assertThat(PgpoolFailureReport.directory(TestEnvironments.vm(Path.of("/vm"))))
        .isEqualTo(Path.of("/vm/data/sys/run/failure-reports"));
  }
}
