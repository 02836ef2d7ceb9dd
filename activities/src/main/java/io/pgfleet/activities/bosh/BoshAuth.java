package io.pgfleet.activities.bosh;

import okhttp3.Credentials;

/** The {@code Authorization} header for Director calls; chosen from {@code GET /info}. */
interface BoshAuth {

  /** The header value to send now (a UAA token is renewed here shortly before it expires). */
  String authorization();

  /**
   * Called after the Director answered 401 to {@code rejected}. Returns true when a different
   * credential is now available, so the caller retries once; basic auth has nothing to renew.
   */
  boolean renew(String rejected);

  static BoshAuth basic(String user, String password) {
    String header = Credentials.basic(user, password);
    return new BoshAuth() {
      @Override
      public String authorization() {
        return header;
      }

      @Override
      public boolean renew(String rejected) {
        return false;
      }
    };
  }
}
