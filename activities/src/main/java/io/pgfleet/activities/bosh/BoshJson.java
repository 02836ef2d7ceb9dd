package io.pgfleet.activities.bosh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson set up for Director answers: snake_case names, unknown fields ignored (the Director adds
 * fields across versions), and parsing by endpoint rather than by Content-Type, which several
 * controllers get wrong.
 */
final class BoshJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private BoshJson() {}

  static <T> T read(byte[] body, Class<T> type, String what) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new BoshProtocolException("unreadable " + what + ": " + e.getMessage(), e);
    }
  }

  static <T> T read(byte[] body, TypeReference<T> type, String what) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new BoshProtocolException("unreadable " + what + ": " + e.getMessage(), e);
    }
  }

  /** The value, or null when {@code text} is not JSON of that shape. */
  static <T> T tryRead(String text, Class<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (IOException e) {
      return null;
    }
  }

  /** One object per non-blank line (the Director's NDJSON task results). */
  static <T> List<T> readLines(String ndjson, Class<T> type, String what) {
    List<T> items = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (!line.isBlank()) {
        try {
          items.add(MAPPER.readValue(line, type));
        } catch (IOException e) {
          throw new BoshProtocolException("unreadable line in " + what + ": " + line, e);
        }
      }
    }
    return items;
  }
}
