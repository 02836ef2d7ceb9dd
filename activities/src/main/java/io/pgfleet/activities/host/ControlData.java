package io.pgfleet.activities.host;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What pg_controldata says about a stopped cluster: where its last checkpoint is and on which
 * timeline (the figures that rank candidates when the server cannot be asked).
 */
record ControlData(int timeline, String checkpointLsn) {

  private static final Pattern TIMELINE =
      Pattern.compile("^Latest checkpoint's TimeLineID:\\s+(\\d+)\\s*$", Pattern.MULTILINE);
  private static final Pattern LOCATION =
      Pattern.compile(
          "^Latest checkpoint location:\\s+([0-9A-F]+/[0-9A-F]+)\\s*$", Pattern.MULTILINE);

  private static final Pattern SYSTEM =
      Pattern.compile("^Database system identifier:\\s+(\\d+)\\s*$", Pattern.MULTILINE);

  /** The database system identifier, which every copy of one cluster shares. */
  static Optional<String> systemIdentifier(String output) {
    Matcher m = SYSTEM.matcher(output);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<ControlData> parse(String output) {
    Matcher timeline = TIMELINE.matcher(output);
    Matcher location = LOCATION.matcher(output);
    if (!timeline.find() || !location.find()) {
      return Optional.empty();
    }
    return Optional.of(new ControlData(Integer.parseInt(timeline.group(1)), location.group(1)));
  }
}
