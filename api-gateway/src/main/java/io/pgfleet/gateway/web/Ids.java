package io.pgfleet.gateway.web;

import java.util.regex.Pattern;

/**
 * Instance, binding and operation ids end up in workflow ids, BOSH deployment names and database
 * role names: only RFC 3986 unreserved characters (no tilde) and at most 64 of them.
 */
public final class Ids {

  public static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

  private Ids() {}

  /** Returns the id or throws a 400 naming what is wrong with it. */
  public static String require(String kind, String id) {
    if (id == null || id.isEmpty()) {
      throw ApiException.badRequest(kind + " is missing");
    }
    if (id.length() > MAX_LENGTH) {
      throw ApiException.badRequest(
          kind + " is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    if (!ALLOWED.matcher(id).matches()) {
      throw ApiException.badRequest(
          kind + " '" + id + "' may only contain letters, digits, '.', '_' and '-'");
    }
    return id;
  }
}
