package io.pgfleet.activities.host;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Which settings differ between two versions of a configuration file. */
final class SettingsDiff {
  private SettingsDiff() {}

  /** Names added, removed or given another value. */
  static Set<String> changedNames(Map<String, ?> before, Map<String, ?> after) {
    Set<String> changed = new HashSet<>();
    before.forEach(
        (name, value) -> {
          if (!Objects.equals(value, after.get(name))) {
            changed.add(name);
          }
        });
    after.keySet().stream().filter(name -> !before.containsKey(name)).forEach(changed::add);
    return changed;
  }
}
