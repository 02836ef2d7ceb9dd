package io.pgfleet.testenv.cloud.ec2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one Query-protocol request ({@code Action=…&Version=…&…}), with EC2's
 * numbered-list conventions: {@code InstanceId.1}, {@code Filter.1.Name}, {@code Filter.1.Value.1},
 * {@code TagSpecification.1.Tag.1.Key}.
 */
final class Ec2Request {

  /** EC2 caps every list parameter at 1000 entries; so do we, which also bounds the loops. */
  static final int MAX_LIST = 1000;

  private final Map<String, String> params;

  Ec2Request(Map<String, String> params) {
    this.params = Map.copyOf(params);
  }

  /** Parses {@code application/x-www-form-urlencoded} text (a body or a raw query string). */
  static Ec2Request parse(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    if (form != null && !form.isEmpty()) {
      for (String pair : form.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(decode(key), decode(value));
      }
    }
    return new Ec2Request(params);
  }

  String action() {
    return required("Action");
  }

  String optional(String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  String required(String name) {
    String value = optional(name);
    if (value == null) {
      throw Ec2Error.missingParameter(name);
    }
    return value;
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(params.get(name));
  }

  Integer integer(String name) {
    String value = optional(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw Ec2Error.invalidParameter("Invalid value '" + value + "' for " + name);
    }
  }

  /** {@code prefix.1}, {@code prefix.2}, … up to the first gap. */
  List<String> list(String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= MAX_LIST && params.containsKey(prefix + "." + i); i++) {
      values.add(params.get(prefix + "." + i));
    }
    return values;
  }

  List<Ec2Filter> filters() {
    List<Ec2Filter> filters = new ArrayList<>();
    for (int i = 1; i <= MAX_LIST && params.containsKey("Filter." + i + ".Name"); i++) {
      filters.add(
          new Ec2Filter(params.get("Filter." + i + ".Name"), list("Filter." + i + ".Value")));
    }
    return filters;
  }

  /** {@code prefix.N.Key} / {@code prefix.N.Value} pairs, e.g. CreateTags' {@code Tag.N}. */
  Map<String, String> tags(String prefix) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i <= MAX_LIST && params.containsKey(prefix + "." + i + ".Key"); i++) {
      String value = params.get(prefix + "." + i + ".Value");
      tags.put(params.get(prefix + "." + i + ".Key"), value == null ? "" : value);
    }
    return tags;
  }

  /** The tags of the TagSpecification entries for one resource type (snapshot, volume …). */
  Map<String, String> tagSpecification(String resourceType) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1;
        i <= MAX_LIST && params.containsKey("TagSpecification." + i + ".ResourceType");
        i++) {
      String type = params.get("TagSpecification." + i + ".ResourceType");
      if (!resourceType.equals(type)) {
        throw Ec2Error.invalidParameter(
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      tags.putAll(tags("TagSpecification." + i + ".Tag"));
    }
    return tags;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
