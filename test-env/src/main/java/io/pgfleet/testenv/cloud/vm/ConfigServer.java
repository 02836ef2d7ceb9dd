package io.pgfleet.testenv.cloud.vm;

import io.pgfleet.testenv.cloud.DirectorError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Director's config server (CredHub on a real Director): values for {@code ((name))}
 * placeholders in job properties, filled in when a job is rendered onto a VM. The stored manifest
 * keeps the placeholders, so the secrets stay out of it, and out of the Temporal history that
 * carries manifests.
 */
public final class ConfigServer {

  /** BOSH's ConfigServerMissingName. */
  public static final int MISSING_NAME = 540002;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([A-Za-z0-9_./-]+)\\)\\)");

  private final Map<String, String> values;

  public ConfigServer(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** A copy of {@code properties} with every placeholder replaced by its value. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> interpolate(Map<String, Object> properties) {
    return (Map<String, Object>) resolve(properties);
  }

  private Object resolve(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, resolve(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(resolve(v)));
      return copy;
    }
    if (value instanceof String text && text.contains("((")) {
      Matcher placeholder = PLACEHOLDER.matcher(text);
      StringBuilder resolved = new StringBuilder();
      while (placeholder.find()) {
        placeholder.appendReplacement(
            resolved, Matcher.quoteReplacement(lookup(placeholder.group(1))));
      }
      return placeholder.appendTail(resolved).toString();
    }
    return value;
  }

  private String lookup(String name) {
    String value = values.get(name);
    if (value == null) {
      throw DirectorError.inTask(
          MISSING_NAME,
          "Failed to find variable '" + name + "' from config server: HTTP code '404'");
    }
    return value;
  }
}
