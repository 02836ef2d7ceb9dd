package io.pgfleet.activities.bosh;

/**
 * Turns an unwanted answer into a typed exception. Only Director errors are JSON ({@code
 * {"code","description"}}); 401, unknown routes and some 400s are text, and unexpected exceptions
 * are 500 with an empty body.
 */
final class BoshErrors {

  private record DirectorError(Integer code, String description) {}

  private BoshErrors() {}

  static BoshException from(String what, BoshResponse response) {
    int status = response.code();
    String text = response.text().strip();
    DirectorError error = text.startsWith("{") ? BoshJson.tryRead(text, DirectorError.class) : null;
    boolean directorError = error != null && error.code() != null;
    Integer code = directorError ? error.code() : null;
    String description = directorError ? error.description() : text;
    if (status == 401) {
      return new BoshAuthException(
          what,
          code,
          description == null || description.isEmpty() ? "Not authorized" : description);
    }
    if (status >= 500) {
      return new BoshUnavailableException(
          what
              + " failed: BOSH Director answered HTTP "
              + status
              + (text.isEmpty() ? "" : ": " + text));
    }
    return new BoshApiException(what, status, code, description);
  }
}
