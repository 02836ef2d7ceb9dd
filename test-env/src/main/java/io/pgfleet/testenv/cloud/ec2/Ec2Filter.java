package io.pgfleet.testenv.cloud.ec2;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One {@code Filter.N}: a resource matches when one of its values for the name matches one of the
 * filter's values; values may use EC2's wildcards {@code *} and {@code ?}. {@code tag:Key} filters
 * on a tag's value, {@code tag-key} on tag keys.
 */
record Ec2Filter(String name, List<String> values) {

  /**
   * @param attribute the resource's values for a (non-tag) filter name; empty when it has none
   */
  boolean matches(Function<String, List<String>> attribute, Map<String, String> tags) {
    List<String> actual;
    if (name.startsWith("tag:")) {
      String value = tags.get(name.substring("tag:".length()));
      actual = value == null ? List.of() : List.of(value);
    } else if (name.equals("tag-key")) {
      actual = List.copyOf(tags.keySet());
    } else {
      actual = attribute.apply(name);
    }
    return actual.stream()
        .anyMatch(a -> values.stream().anyMatch(v -> wildcard(v).matcher(a).matches()));
  }

  static boolean all(
      List<Ec2Filter> filters, Function<String, List<String>> attribute, Map<String, String> tags) {
    return filters.stream().allMatch(f -> f.matches(attribute, tags));
  }

  private static Pattern wildcard(String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
