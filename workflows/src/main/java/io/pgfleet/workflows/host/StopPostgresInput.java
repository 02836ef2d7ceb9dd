package io.pgfleet.workflows.host;

public record StopPostgresInput(ShutdownMode mode) {

  /** pg_ctl's shutdown modes. */
  public enum ShutdownMode {
    SMART,
    FAST,
    IMMEDIATE
  }

  public static StopPostgresInput fast() {
    return new StopPostgresInput(ShutdownMode.FAST);
  }
}
