package io.pgfleet.activities.bosh;

/**
 * The Director refused a request (4xx): a Director error {@code {"code","description"}} when the
 * body was one, otherwise the status and the body text as the description.
 */
public class BoshApiException extends BoshException {

  /** Deployment 'x' doesn't exist. */
  public static final int DEPLOYMENT_NOT_FOUND = 70000;

  private final int status;
  private final Integer code;
  private final String description;

  public BoshApiException(String what, int status, Integer code, String description) {
    super(
        what
            + " refused by the BOSH Director: HTTP "
            + status
            + (code == null ? "" : " code " + code)
            + ": "
            + description);
    this.status = status;
    this.code = code;
    this.description = description;
  }

  public int status() {
    return status;
  }

  /** The Director's error code, or null when the body was not a Director error. */
  public Integer code() {
    return code;
  }

  public String description() {
    return description;
  }

  public boolean hasCode(int expected) {
    return code != null && code == expected;
  }
}
