package io.pgfleet.activities.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Collects a process's output on a daemon thread, keeping only the end when it is long. */
final class OutputBuffer {

  /** Enough for pg_controldata or pcp_node_info of many nodes; a chatty command keeps its end. */
  static final int CAPACITY = 64 * 1024;

  /** Failure messages carry this much of the end of the output. */
  static final int MESSAGE_TAIL = 2000;

  private final StringBuilder text = new StringBuilder();
  private final Thread reader;

  private OutputBuffer(InputStream stream) {
    reader = new Thread(() -> drain(stream), "host-command-output");
    reader.setDaemon(true);
    reader.start();
  }

  static OutputBuffer collect(InputStream stream) {
    return new OutputBuffer(stream);
  }

  private void drain(InputStream stream) {
    char[] chunk = new char[4096];
    try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        synchronized (text) {
          text.append(chunk, 0, n);
          if (text.length() > CAPACITY) {
            text.delete(0, text.length() - CAPACITY);
          }
        }
      }
    } catch (IOException closed) {
      // the process was killed; what was read so far is the output
    }
  }

  /** Waits briefly for the reader to reach end of stream, then returns what it has. */
  String finish(long waitMillis) throws InterruptedException {
    reader.join(waitMillis);
    synchronized (text) {
      return text.toString();
    }
  }

  static String tail(String output, int maxChars) {
    String trimmed = output.strip();
    return trimmed.length() <= maxChars
        ? trimmed
        : "…" + trimmed.substring(trimmed.length() - maxChars);
  }
}
