package io.pgfleet.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

  // 2026-11-22 is a Sunday
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void parsesDayTimeAndOptionalLength() {
    assertThat(MaintenanceWindow.parse("sun-02:00"))
        .isEqualTo(new MaintenanceWindow(DayOfWeek.SUNDAY, 120, 240));
    assertThat(MaintenanceWindow.parse("SAT-23:30/90m"))
        .isEqualTo(new MaintenanceWindow(DayOfWeek.SATURDAY, 23 * 60 + 30, 90));
    assertThat(MaintenanceWindow.parse("wed-04:15/2h"))
        .isEqualTo(new MaintenanceWindow(DayOfWeek.WEDNESDAY, 255, 120));
  }

  @Test
  void rejectsWhatIsNotAWindow() {
    for (String bad :
        new String[] {
          "", "sunday-02:00", "sun-2:00", "sun-24:00", "sun-02:60", "sun-02:00/0m", "sun-02:00/3d"
        }) {
      assertThatThrownBy(() -> MaintenanceWindow.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not like 'sun-02:00'");
    }
  }

  @Test
  void openInsideTheWindowOnlyAndTellsHowLongUntilItOpens() {
    MaintenanceWindow window = MaintenanceWindow.parse("sun-02:00/60m");
    assertThat(window.isOpen(at("2026-11-22T02:00:00Z"))).isTrue();
    assertThat(window.isOpen(at("2026-11-22T02:59:59Z"))).isTrue();
    assertThat(window.isOpen(at("2026-11-22T03:00:00Z"))).isFalse();
    assertThat(window.millisUntilOpen(at("2026-11-22T01:00:00Z"))).isEqualTo(3_600_000);
    assertThat(window.millisUntilOpen(at("2026-11-22T03:00:00Z")))
        .isEqualTo(7 * 24 * 3_600_000L - 3_600_000);
  }

  @Test
  void aWindowMayCrossMidnightIntoTheNextWeek() {
    MaintenanceWindow window = MaintenanceWindow.parse("sun-23:00/2h");
    assertThat(window.isOpen(at("2026-11-23T00:30:00Z"))).isTrue(); // Monday 00:30
    assertThat(window.isOpen(at("2026-11-23T01:00:00Z"))).isFalse();
  }
}
