package io.pgfleet.activities.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What prepareRestore set up on this disk, kept beside the agent's other state: which archive the
 * data came from, the target, the database system the restored data belongs to, and whether the
 * restored server archives into this node's own stanza or holds its WAL. configureArchiving reads
 * it to accept the data of another cluster in this node's stanza.
 *
 * @param systemIdentifier of the restored data (pg_controldata), i.e. of the source cluster
 * @param ownStanza the stanza this node archives into; null while archiving is held
 */
record RestoreMarker(
    String sourceStanza, String target, String systemIdentifier, String ownStanza) {

  boolean archivingHeld() {
    return ownStanza == null;
  }

  /** Whether {@code stanza} may take the restored data although it was made for another system. */
  boolean admits(String stanza, String currentSystemIdentifier) {
    return !stanza.equals(sourceStanza) && systemIdentifier.equals(currentSystemIdentifier);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    fields().forEach((k, v) -> out.append(k).append('=').append(v == null ? "" : v).append('\n'));
    return out.toString();
  }

  static Optional<RestoreMarker> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    String source = values.get("source");
    String system = values.get("system");
    if (source == null || source.isEmpty() || system == null || system.isEmpty()) {
      return Optional.empty();
    }
    String own = values.getOrDefault("archive", "");
    return Optional.of(
        new RestoreMarker(source, values.get("target"), system, own.isEmpty() ? null : own));
  }

  private Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("source", sourceStanza);
    fields.put("target", target);
    fields.put("system", systemIdentifier);
    fields.put("archive", ownStanza);
    return fields;
  }
}
