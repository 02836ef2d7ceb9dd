package io.pgfleet.activities.bosh;

import java.util.List;

/**
 * Events read from a task's event log.
 *
 * @param nextOffset byte offset just past the last complete line read; ask from here next time
 */
public record TaskEvents(List<BoshEvent> events, long nextOffset) {

  public TaskEvents {
    events = List.copyOf(events);
  }

  /** The last event that carries an error text, if any. */
  public BoshEvent lastError() {
    BoshEvent last = null;
    for (BoshEvent event : events) {
      if (event.errorMessage() != null) {
        last = event;
      }
    }
    return last;
  }
}
