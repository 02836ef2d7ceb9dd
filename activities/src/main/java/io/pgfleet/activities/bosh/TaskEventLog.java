package io.pgfleet.activities.bosh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a slice of a task's NDJSON event log. Only complete lines count: a line the Director is
 * still writing stays unread and the offset stops before it, so the next read starts there.
 */
final class TaskEventLog {

  private static final Logger LOG = LoggerFactory.getLogger(TaskEventLog.class);

  private TaskEventLog() {}

  /** {@code slice} holds the log's bytes from {@code fromOffset} on. */
  static TaskEvents parse(byte[] slice, long fromOffset) {
    int end = lastNewline(slice) + 1;
    List<BoshEvent> events = new ArrayList<>();
    for (String line : new String(slice, 0, end, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      BoshEvent event = BoshJson.tryRead(line, BoshEvent.class);
      if (event == null) {
        // One odd line must not stop a task from being followed to its end.
        LOG.warn("skipping unreadable BOSH event-log line: {}", line);
      } else {
        events.add(event);
      }
    }
    return new TaskEvents(events, fromOffset + end);
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
