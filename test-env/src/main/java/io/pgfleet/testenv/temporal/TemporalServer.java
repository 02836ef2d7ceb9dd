package io.pgfleet.testenv.temporal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** A running Temporal server; {@link #close()} stops it and is safe to call twice. */
public interface TemporalServer extends AutoCloseable {

  /** Which server runs, so callers can skip what the test server cannot do. */
  enum Kind {
    /** {@code temporal server start-dev}: Web UI, Schedules, list/count visibility. */
    DEV_SERVER,
    /** The in-process Java test server: no Web UI, Schedules or list/count visibility. */
    JAVA_TEST_SERVER
  }

  Kind kind();

  /** gRPC target, {@code host:port}. */
  String address();

  String namespace();

  /** The Web UI, present only for a dev server started with a UI. */
  Optional<String> uiUrl();

  /** The server's own process; empty for the in-process test server. */
  OptionalLong pid();

  /** Where the server writes its output; empty for the in-process test server. */
  Optional<Path> logFile();

  /** False once the server has stopped or died. */
  boolean isRunning();

  @Override
  void close();
}
