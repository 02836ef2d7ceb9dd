package io.pgfleet.activities.host;

import java.util.Set;

/**
 * What a configuration write changed, so a running server is left alone, reloaded or restarted.
 *
 * @param changedSettings names of settings added, removed or changed in the include file
 * @param hbaChanged whether pg_hba.conf changed (a reload applies it)
 */
record ConfigChange(Set<String> changedSettings, boolean hbaChanged) {

  ConfigChange {
    changedSettings = Set.copyOf(changedSettings);
  }

  boolean any() {
    return hbaChanged || !changedSettings.isEmpty();
  }
}
