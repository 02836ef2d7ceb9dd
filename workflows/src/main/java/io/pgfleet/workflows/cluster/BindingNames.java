package io.pgfleet.workflows.cluster;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The PostgreSQL role of a binding, derived from the binding id so a retried bind reuses the role a
 * failed attempt may have left behind, and operators can tell whose role it is.
 */
final class BindingNames {

  /** PostgreSQL truncates identifiers at 63 bytes; keep well inside with the prefix and suffix. */
  private static final int MAX_READABLE = 44;

  /** Ids the name can carry one to one: '-' becomes '_', which such ids never contain. */
  private static final Pattern READABLE = Pattern.compile("[a-z0-9-]{1," + MAX_READABLE + "}");

  private BindingNames() {}

  /**
   * {@code b_} plus the id when it is lower-case alphanumeric with dashes (OSB GUIDs are); any
   * other id is shortened to what fits and gets a hash of the whole id, so distinct ids rarely
   * share a name (the workflow still refuses a clash).
   */
  static String username(String bindingId) {
    if (READABLE.matcher(bindingId).matches()) {
      return "b_" + bindingId.replace('-', '_');
    }
    String folded = bindingId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    String prefix = folded.length() > MAX_READABLE ? folded.substring(0, MAX_READABLE) : folded;
    return "b_" + prefix + "_" + String.format(Locale.ROOT, "%08x", bindingId.hashCode());
  }
}
