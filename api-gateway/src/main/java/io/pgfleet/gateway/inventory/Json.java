package io.pgfleet.gateway.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** jsonb columns travel as text between JDBC and Jackson. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(JsonNode node) {
    return node == null ? "{}" : node.toString();
  }

  static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text == null ? "{}" : text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("inventory holds invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
