package io.pgfleet.testenv.cloud.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pgfleet.testenv.cloud.DirectorError;

/**
 * Reads manifests in two steps, like the Director: the request handler checks that the body is a
 * YAML hash with a name (HTTP 400 otherwise), and the task maps it onto {@link Manifest} (type
 * errors fail the task).
 */
public final class ManifestParser {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ManifestParser() {}

  /**
   * The request-time checks of {@code POST /deployments}; returns the deployment name.
   *
   * @throws DirectorError 440001 for an empty, unparsable or non-hash body, 40001 without a name
   */
  public static String checkRequestBody(String text) {
    JsonNode root = tree(text);
    JsonNode name = root.get("name");
    if (name == null || name.isNull() || name.asText().isEmpty()) {
      throw DirectorError.badRequest(
          DirectorError.MISSING_FIELD, "Deployment manifest must have a 'name' key");
    }
    return name.asText();
  }

  /** Parses a body that must be a YAML hash (the manifest of a state change may lack checks). */
  public static JsonNode tree(String text) {
    if (text == null || text.isBlank()) {
      throw DirectorError.badRequest(DirectorError.BAD_MANIFEST, "Manifest should not be empty");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw DirectorError.badRequest(
          DirectorError.BAD_MANIFEST,
          "Incorrect YAML structure of the uploaded manifest: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw DirectorError.badRequest(DirectorError.BAD_MANIFEST, "Manifest should be a hash");
    }
    return root;
  }

  /** Maps a manifest onto the typed model; a value of the wrong type fails with code 40000. */
  public static Manifest parse(String text) {
    JsonNode root = tree(text);
    try {
      return YAML.treeToValue(root, Manifest.class);
    } catch (MismatchedInputException e) {
      throw DirectorError.inTask(
          DirectorError.INVALID_TYPE,
          "Property '"
              + e.getPath().stream()
                  .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                  .reduce((a, b) -> a + "." + b)
                  .orElse("?")
              + "' did not match the required type: "
              + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw DirectorError.inTask(DirectorError.BAD_MANIFEST, e.getOriginalMessage());
    }
  }
}
