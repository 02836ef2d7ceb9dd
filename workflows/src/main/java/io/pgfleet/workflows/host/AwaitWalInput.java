package io.pgfleet.workflows.host;

/**
 * What a standby must have of its primary's WAL before the caller goes on.
 *
 * @param lsn a position in the primary's WAL, e.g. "0/3000060"
 * @param mark how the standby's position compares with it
 * @param waitSeconds how long to wait before the activity fails (non-retryable: the caller decides)
 */
public record AwaitWalInput(String lsn, Mark mark, int waitSeconds) {

  public enum Mark {
    /** Replayed up to the position: for an end-of-record position such as the flush LSN. */
    REPLAYED_UP_TO,
    /**
     * Received beyond the position: for the start of a record (a shutdown checkpoint's location
     * from pg_controldata), which is complete only once WAL past its start arrived.
     */
    RECEIVED_PAST
  }
}
