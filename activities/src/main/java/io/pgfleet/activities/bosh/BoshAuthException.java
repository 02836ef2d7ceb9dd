package io.pgfleet.activities.bosh;

/** 401: wrong credentials, an expired token that could not be renewed, or a missing scope. */
public class BoshAuthException extends BoshApiException {

  public BoshAuthException(String what, Integer code, String description) {
    super(what, 401, code, description);
  }
}
