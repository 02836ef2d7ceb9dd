package io.pgfleet.workflows.rollout;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;

/**
 * A weekly window (UTC) in which a cluster may be updated, written like RDS's {@code
 * sun:02:00-sun:06:00} but shorter: {@code sun-02:00} (the default length) or {@code
 * sun-02:00/90m}, {@code sat-23:00/4h}. An update starts only inside the window; it may end after.
 *
 * @param startMinuteOfDay minutes after midnight UTC
 */
public record MaintenanceWindow(DayOfWeek day, int startMinuteOfDay, int durationMinutes) {

  public static final int DEFAULT_DURATION_MINUTES = 4 * 60;
  private static final int WEEK_MINUTES = 7 * 24 * 60;
  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "mon", DayOfWeek.MONDAY,
          "tue", DayOfWeek.TUESDAY,
          "wed", DayOfWeek.WEDNESDAY,
          "thu", DayOfWeek.THURSDAY,
          "fri", DayOfWeek.FRIDAY,
          "sat", DayOfWeek.SATURDAY,
          "sun", DayOfWeek.SUNDAY);

  public MaintenanceWindow {
    if (startMinuteOfDay < 0 || startMinuteOfDay >= 24 * 60) {
      throw new IllegalArgumentException(
          "window start must be within the day: " + startMinuteOfDay);
    }
    if (durationMinutes <= 0 || durationMinutes > WEEK_MINUTES) {
      throw new IllegalArgumentException("window length must be 1 minute to 7 days");
    }
  }

  /** Parses {@code ddd-HH:MM[/<n>m|<n>h]}; a clear IllegalArgumentException otherwise. */
  public static MaintenanceWindow parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    String[] startAndLength = value.split("/", 2);
    String[] dayAndTime = startAndLength[0].split("-", 2);
    DayOfWeek day = DAYS.get(dayAndTime[0]);
    if (day == null || dayAndTime.length != 2 || !dayAndTime[1].matches("\\d{2}:\\d{2}")) {
      throw invalid(text);
    }
    int hours = Integer.parseInt(dayAndTime[1].substring(0, 2));
    int minutes = Integer.parseInt(dayAndTime[1].substring(3));
    if (hours > 23 || minutes > 59) {
      throw invalid(text);
    }
    int length =
        startAndLength.length == 2
            ? lengthMinutes(startAndLength[1], text)
            : DEFAULT_DURATION_MINUTES;
    return new MaintenanceWindow(day, hours * 60 + minutes, length);
  }

  /** Whether an update may start at that instant. */
  public boolean isOpen(long epochMillis) {
    return millisUntilOpen(epochMillis) == 0;
  }

  /** 0 inside the window, else how long until it next opens. */
  public long millisUntilOpen(long epochMillis) {
    ZonedDateTime now = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
    ZonedDateTime thisWeeks =
        now.with(TemporalAdjusters.previousOrSame(day))
            .toLocalDate()
            .atStartOfDay(ZoneOffset.UTC)
            .plusMinutes(startMinuteOfDay);
    if (thisWeeks.isAfter(now)) {
      thisWeeks = thisWeeks.minusWeeks(1);
    }
    ZonedDateTime end = thisWeeks.plusMinutes(durationMinutes);
    if (now.isBefore(end)) {
      return 0;
    }
    return Duration.between(now, thisWeeks.plusWeeks(1)).toMillis();
  }

  private static int lengthMinutes(String length, String text) {
    if (!length.matches("\\d{1,5}[mh]")) {
      throw invalid(text);
    }
    int amount = Integer.parseInt(length.substring(0, length.length() - 1));
    if (amount == 0) {
      throw invalid(text);
    }
    return length.endsWith("h") ? amount * 60 : amount;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "maintenance window '" + text + "' is not like 'sun-02:00' or 'sat-23:30/90m'");
  }
}
