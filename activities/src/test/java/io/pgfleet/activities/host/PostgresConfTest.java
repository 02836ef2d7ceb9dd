package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConfTest {

  @Test
  void rendersEveryValueQuotedAndReadsItBackExactly() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("port", "5432");
    settings.put("primary_conninfo", "host='a' passfile='/x\\y'");

    String text = PostgresConf.render(settings);

    assertThat(text).contains("port = '5432'\n");
    assertThat(text).contains("primary_conninfo = 'host=''a'' passfile=''/x\\\\y'''\n");
    assertThat(PostgresConf.parse(text)).isEqualTo(settings);
  }

  @Test
  void findsAddedRemovedAndChangedSettings() {
    Map<String, String> before = Map.of("port", "5432", "work_mem", "4MB", "gone", "x");
    Map<String, String> after = Map.of("port", "5432", "work_mem", "8MB", "added", "y");

    assertThat(SettingsDiff.changedNames(before, after))
        .containsExactlyInAnyOrder("work_mem", "gone", "added");
  }
}
